using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GisBridge.Algorithms.Regions;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Regions;

/// <summary>Profile of indices along each ridge: "chart_png", "chart_svg" and the data "table" (CSV).</summary>
public sealed class RidgeProfileJob : IJob<RidgeProfileOptions>
{
    public void Validate(RidgeProfileOptions o)
    {
        _ = ParseOrder(o.OrderBy);
        OptionChecks.ChartSize(o.Width, o.Height);
        OptionChecks.Count(o.Indices.Count, 28, "indices");  // 350 px per index within the 10000 px chart
    }

    public InputNeeds Needs(RidgeProfileOptions o) => InputNeeds.File("samples");

    public void Run(RidgeProfileOptions o, JobInputs inputs, JobOutputs outputs, JobContext ctx)
    {
        var indices = SampleTableIo.Names(o.Indices);
        if (indices.Length == 0) indices = ["delta_8_4"];
        int width = o.Width > 0 ? o.Width : 1200, height = o.Height > 0 ? o.Height : 350 * indices.Length;
        if (width > 10000 || height > 10000) throw new JobInputException("width", $"chart of {width}x{height} pixels is too large (10000 max)");
        ctx.Report(0, "reading", "reading samples");
        var table = SampleTableIo.Read(inputs.FilePath("samples"), "samples");
        var profile = RidgeProfileData.Build(table, indices, SampleTableIo.Name(o.GroupField), ParseOrder(o.OrderBy));
        ctx.Report(0.5, "drawing", $"{profile.Series.Count} ridge(s)");
        var png = Path.Combine(ctx.WorkDir, "profile.png");
        var svg = Path.Combine(ctx.WorkDir, "profile.svg");
        var csv = Path.Combine(ctx.WorkDir, "profile.csv");
        ProfileChart.SavePng(profile, png, width, height, o.Title);
        ProfileChart.SaveSvg(profile, svg, width, height, o.Title);
        File.WriteAllText(csv, Csv(profile), new UTF8Encoding(false));
        outputs.AddFile("chart_png", png);
        outputs.AddFile("chart_svg", svg);
        outputs.AddFile("table", csv);
        int samples = profile.Series.Sum(s => s.Samples.Count);
        outputs.Result.Message = $"profile of {string.Join(", ", indices)}: {samples} samples on {profile.Series.Count} ridge(s)";
        outputs.Result.ReportJson = new JsonObject
        {
            ["indices"] = new JsonArray(indices.Select(i => (JsonNode)i).ToArray()),
            ["order_by"] = profile.OrderBy.ToString(),
            ["groups"] = new JsonArray(profile.Series.Select(s => (JsonNode)new JsonObject { ["group"] = s.Group, ["samples"] = s.Samples.Count }).ToArray()),
        }.ToJsonString();
        ctx.Report(1, "done", outputs.Result.Message);
    }

    internal static RidgeOrder ParseOrder(string? value) => (value ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "longitude" => RidgeOrder.Longitude,
        "along-ridge" or "along_ridge" or "distance" => RidgeOrder.AlongRidge,
        var other => throw new JobInputException("order_by", $"'{other}' is not longitude or along-ridge"),
    };

    private static string Csv(RidgeProfile p)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(",", new[] { "group", "row", "position", "longitude", "latitude" }.Concat(p.Indices)));
        foreach (var s in p.Series.SelectMany(x => x.Samples))
            sb.AppendLine(string.Join(",", new[] { Quote(s.Group), s.Row.ToString(CultureInfo.InvariantCulture), F(s.Position), F(s.Longitude), F(s.Latitude) }
                .Concat(s.Values.Select(F))));
        return sb.ToString();
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("G8", CultureInfo.InvariantCulture) : "";
    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
