using System.CommandLine;
using System.Globalization;
using GisBridge.Server.Jobs;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Spectrum;

/// <summary>`gisbridge radial-spectrum`: chart (PNG + SVG beside it), CSV of the bins, JSON report with the depths.</summary>
public static class RadialSpectrumCommand
{
    public static Command Create(IServiceProvider services)
    {
        var input = new Option<string>("--input") { Description = "Input raster (any GDAL format)", Required = true };
        var output = new Option<string>("--output") { Description = "PNG chart; the SVG is written beside it", Required = true };
        var table = new Option<string?>("--table") { Description = "CSV of the spectrum bins (default: beside the chart)" };
        var ranges = new Option<string[]>("--range")
        {
            Description = "Wavenumber range MIN:MAX in rad/km to fit one line over (repeatable, increasing); default: placed automatically",
        };
        var segments = new Option<int>("--segments") { Description = "Segments placed automatically: 1 to 3 (default 2)", DefaultValueFactory = _ => 2 };
        var padding = new Option<string>("--padding") { Description = "Padding mode, as for upward-continuation (default max-entropy after a border-plane detrend)", DefaultValueFactory = _ => "max-entropy" };
        padding.AcceptOnlyFromAmong("max-entropy", "zero", "mirror", "edge", "edge-symmetric", "soft-mirror");
        var pad = new Option<double>("--pad-fraction") { Description = "Padding on each side as a fraction of the grid (default 0.25)" };
        var band = new Option<int>("--band") { Description = "Band, 0-based (default 0)" };
        var title = new Option<string?>("--title") { Description = "Chart title" };
        var report = new Option<string?>("--report") { Description = "Write the JSON report here" };
        var command = new Command("radial-spectrum",
            "Radially averaged power spectrum (GMT grdfft -Er) with straight-line depth estimates and a suggested separation height")
            { input, output, table, ranges, segments, padding, pad, band, title, report };
        command.SetAction((parse, ct) =>
        {
            var options = new Proto.RadialSpectrumOptions
            {
                Band = parse.GetValue(band), Segments = parse.GetValue(segments), Title = parse.GetValue(title) ?? "",
                Fft = new Proto.FftOptions { PadFraction = parse.GetValue(pad), Padding = Padding(parse.GetValue(padding)) },
            };
            foreach (var text in parse.GetValue(ranges) ?? [])
            {
                var parts = text.Split(':');
                if (parts.Length != 2 || !double.TryParse(parts[0], CultureInfo.InvariantCulture, out double lo)
                    || !double.TryParse(parts[1], CultureInfo.InvariantCulture, out double hi))
                {
                    Console.Error.WriteLine($"error: --range '{text}' is not MIN:MAX in rad/km (e.g. 0.05:0.4)");
                    return Task.FromResult(CliJobRunner.ExitBadInput);
                }
                options.Ranges.Add(new Proto.WavenumberRange { MinRadPerKm = lo, MaxRadPerKm = hi });
            }
            var png = parse.GetValue(output)!;
            var destinations = new CliDestinations { ReportPath = parse.GetValue(report) };
            destinations.Files["chart_png"] = png;
            destinations.Files["chart_svg"] = Path.ChangeExtension(png, ".svg");
            destinations.Files["table"] = parse.GetValue(table) ?? Path.ChangeExtension(png, ".csv");
            var runner = services.GetRequiredService<CliJobRunner>();
            var inputs = new JobInputs();
            inputs.AddRasterFile("input", parse.GetValue(input)!, runner.Geo);
            return Task.FromResult(runner.Run(services.GetRequiredService<RadialSpectrumJob>(), options, inputs, destinations, ct));
        });
        return command;
    }

    private static Proto.PaddingMode Padding(string? name) => name switch
    {
        "mirror" => Proto.PaddingMode.Mirror,
        "edge" => Proto.PaddingMode.Edge,
        "edge-symmetric" => Proto.PaddingMode.EdgeSymmetric,
        "soft-mirror" => Proto.PaddingMode.SoftMirror,
        "zero" => Proto.PaddingMode.Zero,
        _ => Proto.PaddingMode.MaxEntropy,
    };
}
