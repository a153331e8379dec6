using System.CommandLine;
using GisBridge.Server.Jobs;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Gravity;

/// <summary>
/// CLI verbs `upward-continuation` and `derivative`: the same jobs as the RPCs, with files in and out.
/// With several --height values the output paths get the height before the extension: R.tif -> R_10000m.tif.
/// </summary>
public static class GravityCommands
{
    public static Command UpwardContinuation(IServiceProvider services)
    {
        var input = new Option<string>("--input") { Description = "Input raster (any GDAL format)", Required = true };
        var heights = new Option<double[]>("--height")
        {
            Description = "Continuation height in metres (repeatable)", Required = true, AllowMultipleArgumentsPerToken = false,
        };
        var regional = new Option<string?>("--regional") { Description = "Output GeoTIFF of the continued (regional) field" };
        var residual = new Option<string?>("--residual") { Description = "Output GeoTIFF of input - regional" };
        var allowDown = new Option<bool>("--allow-downward") { Description = "Allow negative heights (needs --stabilisation)" };
        var alpha = new Option<double>("--stabilisation") { Description = "Tikhonov parameter (m^2) for downward continuation" };
        var fill = FillDependenceOption();
        var (pad, padding, band, report) = CommonOptions();
        var command = new Command("upward-continuation",
            "FFT upward continuation of a potential-field grid: regional field at each height and residual = input - regional")
            { input, heights, regional, residual, allowDown, alpha, fill, pad, padding, band, report };
        command.SetAction((parse, ct) =>
        {
            string? regionalPath = parse.GetValue(regional), residualPath = parse.GetValue(residual), fillPath = parse.GetValue(fill);
            if (regionalPath is null && residualPath is null)
            {
                Console.Error.WriteLine("error: give --regional and/or --residual (output paths)");
                return Task.FromResult(CliJobRunner.ExitBadInput);
            }
            var options = new Proto.UpwardContinuationOptions
            {
                WantRegional = regionalPath is not null,
                WantResidual = residualPath is not null,
                AllowDownward = parse.GetValue(allowDown),
                Stabilisation = parse.GetValue(alpha),
                Band = parse.GetValue(band),
                Fft = Fft(parse.GetValue(pad), parse.GetValue(padding)),
                WantFillDependence = fillPath is not null,
            };
            var hs = parse.GetValue(heights) ?? [];
            options.Heights.AddRange(hs);
            var destinations = new CliDestinations { ReportPath = parse.GetValue(report) };
            bool several = hs.Length > 1;
            foreach (double h in hs)
            {
                if (regionalPath is not null)
                    destinations.Rasters[UpwardContinuationJob.OutputName("regional", h, several)] = WithHeight(regionalPath, h, several);
                if (residualPath is not null)
                    destinations.Rasters[UpwardContinuationJob.OutputName("residual", h, several)] = WithHeight(residualPath, h, several);
                if (fillPath is not null)
                    destinations.Rasters[UpwardContinuationJob.OutputName(Filters.FilterOutputs.FillDependenceName, h, several)] =
                        WithHeight(fillPath, h, several);
            }
            return Task.FromResult(RunJob(services, services.GetRequiredService<UpwardContinuationJob>(), options,
                parse.GetValue(input)!, destinations, ct));
        });
        return command;
    }

    public static Command Derivative(IServiceProvider services)
    {
        var input = new Option<string>("--input") { Description = "Input raster (any GDAL format)", Required = true };
        var kind = new Option<string>("--kind")
        {
            Description = "vertical (positive down, per metre), thg (THDR, per metre), tilt (radians), analytic-signal (per metre) or tdx (radians)",
            Required = true,
        };
        kind.AcceptOnlyFromAmong("vertical", "thg", "tilt", "analytic-signal", "tdx");
        var output = new Option<string>("--output") { Description = "Output GeoTIFF", Required = true };
        var fill = FillDependenceOption();
        var (pad, padding, band, report) = CommonOptions();
        var command = new Command("derivative",
            "First vertical derivative, total horizontal gradient (THDR), tilt angle, analytic signal or TDX of a grid")
            { input, kind, output, fill, pad, padding, band, report };
        command.SetAction((parse, ct) =>
        {
            var protoKind = parse.GetValue(kind) switch
            {
                "vertical" => Proto.DerivativeKind.Vertical,
                "thg" => Proto.DerivativeKind.TotalHorizontalGradient,
                "analytic-signal" => Proto.DerivativeKind.AnalyticSignal,
                "tdx" => Proto.DerivativeKind.Tdx,
                _ => Proto.DerivativeKind.Tilt,
            };
            string? fillPath = parse.GetValue(fill);
            var options = new Proto.DerivativeOptions
            {
                Kind = protoKind, Band = parse.GetValue(band), Fft = Fft(parse.GetValue(pad), parse.GetValue(padding)),
                WantFillDependence = fillPath is not null,
            };
            var destinations = new CliDestinations { ReportPath = parse.GetValue(report) };
            destinations.Rasters[DerivativeJob.Kind(protoKind).Name] = parse.GetValue(output)!;
            if (fillPath is not null) destinations.Rasters[Filters.FilterOutputs.FillDependenceName] = fillPath;
            return Task.FromResult(RunJob(services, services.GetRequiredService<DerivativeJob>(), options,
                parse.GetValue(input)!, destinations, ct));
        });
        return command;
    }

    internal static Option<string?> FillDependenceOption() => new("--fill-dependence")
    {
        Description = "Output GeoTIFF marking (1) the cells whose result depends materially on values filled into nodata holes",
    };

    internal static (Option<double> Pad, Option<string> Padding, Option<int> Band, Option<string?> Report) CommonOptions()
    {
        var pad = new Option<double>("--pad-fraction") { Description = "Padding on each side as a fraction of the grid (default 0.25)" };
        var padding = new Option<string>("--padding") { Description = "Padding mode: max-entropy (default, Burg prediction after a border-plane detrend), zero, mirror, edge, edge-symmetric (GMT's) or soft-mirror", DefaultValueFactory = _ => "max-entropy" };
        padding.AcceptOnlyFromAmong("max-entropy", "zero", "mirror", "edge", "edge-symmetric", "soft-mirror");
        var band = new Option<int>("--band") { Description = "Band to process, 0-based (default 0)" };
        var report = new Option<string?>("--report") { Description = "Write the JSON report here" };
        return (pad, padding, band, report);
    }

    internal static Proto.FftOptions Fft(double padFraction, string? padding) => new()
    {
        PadFraction = padFraction,
        Padding = padding switch
        {
            "edge" => Proto.PaddingMode.Edge,
            "zero" => Proto.PaddingMode.Zero,
            "mirror" => Proto.PaddingMode.Mirror,
            "edge-symmetric" => Proto.PaddingMode.EdgeSymmetric,
            "soft-mirror" => Proto.PaddingMode.SoftMirror,
            "max-entropy" => Proto.PaddingMode.MaxEntropy,
            _ => Proto.PaddingMode.Unspecified,
        },
    };

    private static int RunJob<TOptions>(IServiceProvider services, IJob<TOptions> job, TOptions options, string inputPath,
        CliDestinations destinations, CancellationToken ct)
    {
        var runner = services.GetRequiredService<CliJobRunner>();
        var inputs = new JobInputs();
        inputs.AddRasterFile("input", inputPath, runner.Geo);
        return runner.Run(job, options, inputs, destinations, ct);
    }

    /// <summary>R.tif -> R_10000m.tif when several heights are written.</summary>
    internal static string WithHeight(string path, double height, bool several)
    {
        if (!several) return path;
        string dir = Path.GetDirectoryName(path) ?? "", ext = Path.GetExtension(path);
        return Path.Combine(dir, Path.GetFileNameWithoutExtension(path) + "_" + UpwardContinuationJob.HeightLabel(height) + ext);
    }
}
