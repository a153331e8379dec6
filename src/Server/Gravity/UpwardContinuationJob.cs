using System.Globalization;
using System.Text.Json;
using GisBridge.Algorithms.Gravity;
using GisBridge.Server.Jobs;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Gravity;

/// <summary>
/// Upward continuation job (RPC Gravity.UpwardContinuation and the `upward-continuation` verb). Input raster
/// "input"; outputs "regional" and/or "residual" (float32), one pair per height; with several heights the names
/// carry the height: "regional_10000m". With want_fill_dependence on a grid with holes, also "depends_on_fill" per
/// height (named the same way).
/// </summary>
public sealed class UpwardContinuationJob : IJob<Proto.UpwardContinuationOptions>
{
    /// <summary>Most heights in one job (each is one filtered grid, and up to two output rasters).</summary>
    public const int MaxHeights = 64;

    public void Validate(Proto.UpwardContinuationOptions options) => UpwardContinuation.CheckOptions(AlgorithmOptions(options));

    public InputNeeds Needs(Proto.UpwardContinuationOptions options) => InputNeeds.Raster("input");

    private static UpwardContinuationOptions AlgorithmOptions(Proto.UpwardContinuationOptions options)
    {
        if (options.Heights.Count == 0)
            throw new JobInputException("heights", "give at least one continuation height in metres");
        OptionChecks.Count(options.Heights.Count, MaxHeights, "heights");
        return new UpwardContinuationOptions
        {
            Heights = options.Heights.ToArray(),
            Fft = GravityOptionMapping.Fft(options.Fft),
            AllowDownward = options.AllowDownward,
            Stabilisation = options.Stabilisation,
            Band = options.Band,
            FillDependence = options.WantFillDependence,
            // The input raster is not used after the job: the last residual may overwrite it.
            ResidualInPlace = true,
        };
    }

    public void Run(Proto.UpwardContinuationOptions options, JobInputs inputs, JobOutputs outputs, JobContext context)
    {
        var algorithmOptions = AlgorithmOptions(options);
        UpwardContinuation.CheckOptions(algorithmOptions);
        bool wantRegional = options.WantRegional || !options.WantResidual;
        bool wantResidual = options.WantResidual || !options.WantRegional;

        GisBridge.Algorithms.Common.TorchRuntime.PreloadInBackground(); // loads while the input is read
        context.Report(0, "reading", "reading the input raster");
        // Stage times go into the report (the outputs are written by the caller after the job returns).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var input = inputs.Raster("input");
        double readSeconds = clock.Elapsed.TotalSeconds;
        var result = UpwardContinuation.Run(input, algorithmOptions, context.Stage(0.05, 0.95), context.Cancellation);
        double continuationSeconds = clock.Elapsed.TotalSeconds - readSeconds;

        bool several = result.Levels.Count > 1;
        // Regional and residual are in the input band's units (the continuation is linear); unknown stays unknown.
        // The band exists: UpwardContinuation.Run checked it.
        string units = input.UnitsOf(options.Band);
        foreach (var level in result.Levels)
        {
            string suffix = several ? "_" + HeightLabel(level.HeightMetres) : "";
            if (wantRegional) outputs.AddRaster(OutputName("regional", level.HeightMetres, several), level.Regional.WithUnits(units));
            if (wantResidual) outputs.AddRaster("residual" + suffix, level.Residual.WithUnits(units));
            if (level.FillDependence is { } mask)
                outputs.AddRaster(OutputName(Filters.FilterOutputs.FillDependenceName, level.HeightMetres, several), mask);
        }
        if (options.WantFillDependence && result.FilledNodataCells == 0)
            outputs.Warn(Filters.FilterOutputs.NothingFilledWarning);
        foreach (var w in result.Warnings) outputs.Warn(w);
        outputs.Result.Message = $"continued {input.Width}x{input.Height} grid to {string.Join(", ", result.Levels.Select(l => $"{l.HeightMetres} m"))}" +
            $" (FFT {result.PaddedWidth}x{result.PaddedHeight}" + (result.LatitudeNodes > 1 ? $", {result.LatitudeNodes} latitude nodes" : "") + ")";
        outputs.Result.ReportJson = JsonSerializer.Serialize(new
        {
            heights_m = result.Levels.Select(l => l.HeightMetres).ToArray(),
            width = input.Width,
            height = input.Height,
            fft_width = result.PaddedWidth,
            fft_height = result.PaddedHeight,
            latitude_nodes = result.LatitudeNodes,
            filled_nodata_cells = result.FilledNodataCells,
            cells_depending_on_fill = result.Levels.Select(l => l.FillDependence is { } mask ? Filters.FilterOutputs.MarkedCells(mask) : (int?)null).ToArray(),
            pad_fraction = algorithmOptions.Fft.PadFraction,
            padding = algorithmOptions.Fft.Padding.ToString(),
            detrend = algorithmOptions.Fft.Detrend.ToString(),
            read_s = Math.Round(readSeconds, 3),
            continuation_s = Math.Round(continuationSeconds, 3),
        });
        context.Report(1, "done", outputs.Result.Message);
    }

    /// <summary>"regional" for one height, "regional_10000m" for several.</summary>
    public static string OutputName(string role, double height, bool several) => several ? $"{role}_{HeightLabel(height)}" : role;

    public static string HeightLabel(double height) => height.ToString("0.###", CultureInfo.InvariantCulture) + "m";
}
