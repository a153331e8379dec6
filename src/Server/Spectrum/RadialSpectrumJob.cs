using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GisBridge.Algorithms.Gravity.Spectrum;
using GisBridge.Server.Analysis;
using GisBridge.Server.Gravity;
using GisBridge.Server.Jobs;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Spectrum;

/// <summary>
/// Radial power spectrum job (RPC PowerSpectrum.RadialSpectrum and the `radial-spectrum` verb). Input raster
/// "input"; outputs "chart_png", "chart_svg" and "table" (CSV, one row per bin); the report holds the segments'
/// depths and the suggested separation height for upward-continuation.
/// </summary>
public sealed class RadialSpectrumJob : IJob<Proto.RadialSpectrumOptions>
{
    public InputNeeds Needs(Proto.RadialSpectrumOptions o) => InputNeeds.Raster("input");

    public void Run(Proto.RadialSpectrumOptions o, JobInputs inputs, JobOutputs outputs, JobContext ctx)
    {
        var (width, height) = ChartFiles.Size(o.Width, o.Height, 1200, 800);
        if (o.Segments is < 0 or > 3) throw new JobInputException("segments", $"give 1 to 3 segments (0 = 2), got {o.Segments}");
        var options = new RadialSpectrumOptions
        {
            Band = o.Band,
            Fft = GravityOptionMapping.Fft(o.Fft),
            Ranges = o.Ranges.Select(r => new WavenumberRange(r.MinRadPerKm, r.MaxRadPerKm)).ToArray(),
            Segments = o.Segments == 0 ? 2 : o.Segments,
        };
        ctx.Report(0, "reading", "reading the input raster");
        var input = inputs.Raster("input");
        ctx.Report(0.3, "spectrum", $"spectrum of {input.Width}x{input.Height} cells");
        var result = RadialPowerSpectrum.Run(input, options, ctx.Cancellation);
        ctx.Report(0.8, "drawing", "chart and table");
        ChartFiles.AddOutputs(ctx, outputs, "chart", width, height, c => RadialSpectrumChart.Draw(c, result, width, height, o.Title));
        var csv = Path.Combine(ctx.WorkDir, "spectrum.csv");
        File.WriteAllText(csv, Csv(result), new UTF8Encoding(false));
        outputs.AddFile("table", csv);
        foreach (var w in result.Warnings) outputs.Warn(w);
        outputs.Result.Message = Message(result);
        outputs.Result.ReportJson = Report(result, options).ToJsonString();
        ctx.Report(1, "done", outputs.Result.Message);
    }

    private static string Message(RadialSpectrumResult r)
    {
        var depths = string.Join(", ", r.Segments.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s.DepthKm:0.##} km ({s.MinRadPerKm:0.###}-{s.MaxRadPerKm:0.###} rad/km)")));
        var split = r.Separation is { } s2
            ? string.Create(CultureInfo.InvariantCulture, $"; suggested separation: continue upward by {s2.HeightMetres:0} m")
            : "";
        return $"{r.Bins.Count} bins; depths {depths}{split}";
    }

    private static JsonObject Report(RadialSpectrumResult r, RadialSpectrumOptions o) => new()
    {
        ["bins"] = r.Bins.Count,
        ["fft_width"] = r.PaddedWidth,
        ["fft_height"] = r.PaddedHeight,
        ["dx_m"] = r.DxMetres,
        ["dy_m"] = r.DyMetres,
        ["filled_nodata_cells"] = r.FilledNodataCells,
        ["padding"] = o.Fft.Padding.ToString(),
        ["detrend"] = o.Fft.Detrend.ToString(),
        ["automatic_ranges"] = o.Ranges.Count == 0,
        ["segments"] = new JsonArray(r.Segments.Select(s => (JsonNode)new JsonObject
        {
            ["min_rad_per_km"] = s.MinRadPerKm,
            ["max_rad_per_km"] = s.MaxRadPerKm,
            ["bins"] = s.Bins,
            ["slope"] = s.Slope,
            ["intercept"] = s.Intercept,
            ["r_squared"] = s.RSquared,
            ["depth_km"] = s.DepthKm,
        }).ToArray()),
        ["separation"] = r.Separation is { } s ? new JsonObject
        {
            ["height_m"] = s.HeightMetres,
            ["interface_depth_km"] = s.InterfaceDepthKm,
            ["break_rad_per_km"] = s.BreakRadPerKm,
            ["break_wavelength_km"] = 2 * Math.PI / s.BreakRadPerKm,
            ["basis"] = s.Basis,
        } : null,
    };

    private static string Csv(RadialSpectrumResult r)
    {
        var sb = new StringBuilder("k_rad_per_km,wavelength_km,power,mean_power,ln_mean_power,count\n");
        foreach (var b in r.Bins)
            sb.AppendLine(string.Join(",", F(b.RadPerKm), F(b.WavelengthKm), F(b.Power), F(b.MeanPower),
                b.MeanPower > 0 ? F(b.LnPower) : "", b.Count.ToString(CultureInfo.InvariantCulture)));
        return sb.ToString();
    }

    private static string F(double v) => v.ToString("G10", CultureInfo.InvariantCulture);
}
