using System.CommandLine;
using GisBridge.Server.Gravity;
using GisBridge.Server.Jobs;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Filters;

/// <summary>CLI verbs `band-pass` and `directional-filter`: the same jobs as the RPCs, with files in and out.</summary>
public static class FilterCommands
{
    public static Command BandPass(IServiceProvider services)
    {
        var input = new Option<string>("--input") { Description = "Input raster (any GDAL format)", Required = true };
        var shape = new Option<string>("--shape") { Description = "gaussian (default), butterworth or cosine", DefaultValueFactory = _ => "gaussian" };
        shape.AcceptOnlyFromAmong("gaussian", "butterworth", "cosine");
        var longCut = new Option<double>("--long-cutoff-km") { Description = "High-pass: remove wavelengths longer than this (km)" };
        var shortCut = new Option<double>("--short-cutoff-km") { Description = "Low-pass: remove wavelengths shorter than this (km)" };
        var order = new Option<double>("--order") { Description = "Butterworth order (default 2)" };
        var rolloff = new Option<double>("--rolloff") { Description = "Cosine roll-off width, fraction of the cut-off wavenumber (default 1)" };
        var (output, fillDependence, pad, padding, band, report) = Common();
        var command = new Command("band-pass", "Gaussian, Butterworth or cosine low-, high- or band-pass with cut-offs in km")
            { input, shape, longCut, shortCut, order, rolloff, output, fillDependence, pad, padding, band, report };
        command.SetAction((parse, ct) =>
        {
            var options = new Proto.BandPassOptions
            {
                Shape = parse.GetValue(shape) switch
                {
                    "butterworth" => Proto.BandPassShape.Butterworth,
                    "cosine" => Proto.BandPassShape.Cosine,
                    _ => Proto.BandPassShape.Gaussian,
                },
                LongCutoffKm = parse.GetValue(longCut),
                ShortCutoffKm = parse.GetValue(shortCut),
                Order = parse.GetValue(order),
                Rolloff = parse.GetValue(rolloff),
                Band = parse.GetValue(band),
                Fft = GravityCommands.Fft(parse.GetValue(pad), parse.GetValue(padding)),
                WantFillDependence = parse.GetValue(fillDependence) is not null,
            };
            return Task.FromResult(Run(services, services.GetRequiredService<BandPassJob>(), options, parse.GetValue(input)!,
                parse.GetValue(output)!, parse.GetValue(fillDependence), parse.GetValue(report), ct));
        });
        return command;
    }

    public static Command Directional(IServiceProvider services)
    {
        var input = new Option<string>("--input") { Description = "Input raster (any GDAL format)", Required = true };
        var strike = new Option<double>("--strike") { Description = "Strike of the features to keep, degrees clockwise from north (0..180)", Required = true };
        var exponent = new Option<double>("--exponent") { Description = "Cosine exponent (default 2)" };
        var reject = new Option<bool>("--reject") { Description = "Remove the features of that strike instead of keeping them" };
        var (output, fillDependence, pad, padding, band, report) = Common();
        var command = new Command("directional-filter", "Directional cosine filter: keep or remove the features of one strike")
            { input, strike, exponent, reject, output, fillDependence, pad, padding, band, report };
        command.SetAction((parse, ct) =>
        {
            var options = new Proto.DirectionalFilterOptions
            {
                StrikeAzimuthDegrees = parse.GetValue(strike),
                Exponent = parse.GetValue(exponent),
                Reject = parse.GetValue(reject),
                Band = parse.GetValue(band),
                Fft = GravityCommands.Fft(parse.GetValue(pad), parse.GetValue(padding)),
                WantFillDependence = parse.GetValue(fillDependence) is not null,
            };
            return Task.FromResult(Run(services, services.GetRequiredService<DirectionalFilterJob>(), options, parse.GetValue(input)!,
                parse.GetValue(output)!, parse.GetValue(fillDependence), parse.GetValue(report), ct));
        });
        return command;
    }

    private static (Option<string> Output, Option<string?> FillDependence, Option<double> Pad, Option<string> Padding, Option<int> Band,
        Option<string?> Report) Common()
    {
        var output = new Option<string>("--output") { Description = "Output GeoTIFF", Required = true };
        var fill = GravityCommands.FillDependenceOption();
        var (pad, padding, band, report) = GravityCommands.CommonOptions();
        return (output, fill, pad, padding, band, report);
    }

    private static int Run<TOptions>(IServiceProvider services, IJob<TOptions> job, TOptions options, string inputPath, string outputPath,
        string? fillDependencePath, string? reportPath, CancellationToken ct)
    {
        var runner = services.GetRequiredService<CliJobRunner>();
        var inputs = new JobInputs();
        inputs.AddRasterFile("input", inputPath, runner.Geo);
        var destinations = new CliDestinations { ReportPath = reportPath };
        destinations.Rasters["filtered"] = outputPath;
        if (fillDependencePath is not null) destinations.Rasters[FilterOutputs.FillDependenceName] = fillDependencePath;
        return runner.Run(job, options, inputs, destinations, ct);
    }
}
