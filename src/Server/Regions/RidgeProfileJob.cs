using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GisBridge.Algorithms.Regions;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Regions;

/// <summary>Profile of indices along each ridge (by default along the SWIR, CIR and SEIR axes, one panel column per
/// ridge, change points marked; or along the axes of an optional "axes" file, see <see cref="RidgeAxesFile"/>):
/// "chart_png", "chart_svg" and the data "table" (CSV).</summary>
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
        ctx.Report(0, "reading", "reading samples");
        var table = SampleTableIo.Read(inputs.FilePath("samples"), "samples");
        var groupField = SampleTableIo.Name(o.GroupField);
        var known = inputs.HasFile(RidgeAxesFile.Role) ? RidgeAxesFile.Read(inputs, o.AxisNameField) : IndianOceanRidges.All;
        var order = (o.OrderBy ?? "").Trim().Length == 0 ? DefaultOrder(table, known, ref groupField) : ParseOrder(o.OrderBy);
        var axes = order == RidgeOrder.Axis ? Axes(o.Ridges, known) : null;
        double maxOffset = o.MaxOffsetKm > 0 ? o.MaxOffsetKm : 300;
        if (order == RidgeOrder.Axis && groupField is null)
            throw new JobInputException("group_field", "the ridge-axis order needs the field naming each sample's ridge (e.g. ridge)");
        int columns = order == RidgeOrder.Axis ? axes!.Count : 1;
        int width = o.Width > 0 ? o.Width : Math.Max(1200, 600 * columns), height = o.Height > 0 ? o.Height : 350 * indices.Length;
        if (width > 10000 || height > 10000) throw new JobInputException("width", $"chart of {width}x{height} pixels is too large (10000 max)");
        var profile = RidgeProfileData.Build(table, indices, groupField, order, axes, maxOffset);
        ctx.Report(0.3, "change points", $"{profile.Series.Count} ridge(s)");
        var changes = o.NoChangePoints ? null : ChangePoints(profile, ctx);
        ctx.Report(0.6, "drawing", $"{profile.Series.Count} ridge(s)");
        var png = Path.Combine(ctx.WorkDir, "profile.png");
        var svg = Path.Combine(ctx.WorkDir, "profile.svg");
        var csv = Path.Combine(ctx.WorkDir, "profile.csv");
        ProfileChart.SavePng(profile, png, width, height, o.Title, changes);
        ProfileChart.SaveSvg(profile, svg, width, height, o.Title, changes);
        File.WriteAllText(csv, Csv(profile), new UTF8Encoding(false));
        outputs.AddFile("chart_png", png);
        outputs.AddFile("chart_svg", svg);
        outputs.AddFile("table", csv);
        int samples = profile.Series.Sum(s => s.Samples.Count);
        outputs.Result.Message = $"profile of {string.Join(", ", indices)}: {samples} samples on {profile.Series.Count} ridge(s)" +
            (order == RidgeOrder.Axis ? $" along the {string.Join(", ", profile.Series.Select(s => s.Group))} axes" : "") +
            (changes is null ? "" : $", {changes.Values.Sum(c => c.Count)} change point(s)");
        outputs.Result.ReportJson = new JsonObject
        {
            ["indices"] = new JsonArray(indices.Select(i => (JsonNode)i).ToArray()),
            ["order_by"] = profile.OrderBy.ToString(),
            ["group_field"] = groupField,
            ["max_offset_km"] = order == RidgeOrder.Axis ? maxOffset : null,
            ["groups"] = new JsonArray(profile.Series.Select(s => (JsonNode)new JsonObject
            {
                ["group"] = s.Group,
                ["samples"] = s.Samples.Count,
                ["x_axis"] = s.PositionLabel ?? profile.PositionLabel,
                ["axis_source"] = axes?.FirstOrDefault(a => a.Name == s.Group)?.Source,
                ["change_points"] = changes is null ? null : new JsonArray(indices.SelectMany(i => changes.TryGetValue((s.Group, i), out var c) ? c.Select(cp =>
                    (JsonNode)new JsonObject
                    {
                        ["index"] = i, ["position"] = cp.Position, ["lower"] = cp.Lower, ["upper"] = cp.Upper, ["p_value"] = cp.PValue,
                        ["mean_before"] = cp.MeanBefore, ["mean_after"] = cp.MeanAfter,
                    }) : []).ToArray()),
            }).ToArray()),
        }.ToJsonString();
        ctx.Report(1, "done", outputs.Result.Message);
    }

    /// <summary>Axis order when the ridge field (or the group field) names one of the known axes; else longitude.</summary>
    private static RidgeOrder DefaultOrder(Algorithms.Common.SampleTable table, IReadOnlyList<RidgeAxisLine> known, ref string? groupField)
    {
        var field = groupField ?? (table.HasText("ridge") ? "ridge" : null);
        if (field is null || !table.HasText(field)) return RidgeOrder.Longitude;
        if (!table.Text(field).Any(v => v is not null && RidgeAxisLine.Find(known, v) is not null)) return RidgeOrder.Longitude;
        groupField = field;
        return RidgeOrder.Axis;
    }

    private static IReadOnlyList<RidgeAxisLine> Axes(IEnumerable<string> names, IReadOnlyList<RidgeAxisLine> known)
    {
        var list = names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        if (list.Length == 0) return known;
        return list.Select(n => RidgeAxisLine.Find(known, n) ?? throw new JobInputException("ridges",
            $"'{n}' is not a ridge with a known axis ({string.Join(", ", known.Select(a => a.Name))})")).Distinct().ToArray();
    }

    /// <summary>Mean-shift change points of every index along every ridge (ChangePointDetection, default options).</summary>
    private static Dictionary<(string Group, string Index), IReadOnlyList<ChangePoint>> ChangePoints(RidgeProfile profile, JobContext ctx)
    {
        var result = new Dictionary<(string, string), IReadOnlyList<ChangePoint>>();
        var options = new ChangePointOptions();
        foreach (var s in profile.Series)
            for (int k = 0; k < profile.Indices.Count; k++)
            {
                ctx.Cancellation.ThrowIfCancellationRequested();
                var points = s.Samples.Where(p => double.IsFinite(p.Values[k])).ToArray();
                if (points.Length < 2 * options.MinSegment) continue;
                var found = ChangePointDetection.Detect(points.Select(p => p.Values[k]).ToArray(), points.Select(p => p.Position).ToArray(), options);
                if (found.Count > 0) result[(s.Group, profile.Indices[k])] = found;
            }
        return result;
    }

    internal static RidgeOrder ParseOrder(string? value) => (value ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "longitude" => RidgeOrder.Longitude,
        "along-ridge" or "along_ridge" or "distance" => RidgeOrder.AlongRidge,
        "axis" or "ridge-axis" or "ridge_axis" => RidgeOrder.Axis,
        var other => throw new JobInputException("order_by", $"'{other}' is not axis, longitude or along-ridge"),
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
