using GisBridge.Algorithms.Gravity;
using GisBridge.Server.Gravity;
using GisBridge.Server.Jobs;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Filters;

/// <summary>Directional cosine filter job (RPC PotentialFieldFilters.DirectionalFilter and the `directional-filter`
/// verb): input "input", output "filtered" (and "depends_on_fill").</summary>
public sealed class DirectionalFilterJob : IJob<Proto.DirectionalFilterOptions>
{
    public InputNeeds Needs(Proto.DirectionalFilterOptions options) => InputNeeds.Raster("input");

    public void Validate(Proto.DirectionalFilterOptions options)
    {
        if (!double.IsFinite(options.StrikeAzimuthDegrees) || options.StrikeAzimuthDegrees is < 0 or > 180)
            throw new JobInputException("strike_azimuth_degrees", $"strike must be 0..180 degrees clockwise from north, got {options.StrikeAzimuthDegrees}");
        if (!double.IsFinite(options.Exponent) || options.Exponent < 0 || options.Exponent > 64)
            throw new JobInputException("exponent", $"cosine exponent must be in (0, 64] (0 = 2), got {options.Exponent}");
    }

    public void Run(Proto.DirectionalFilterOptions options, JobInputs inputs, JobOutputs outputs, JobContext context)
    {
        Validate(options);
        var algorithmOptions = new DirectionalFilterOptions
        {
            StrikeAzimuthDegrees = options.StrikeAzimuthDegrees,
            Exponent = options.Exponent == 0 ? 2 : options.Exponent,
            Reject = options.Reject,
            Fft = GravityOptionMapping.Fft(options.Fft),
            Band = options.Band,
            FillDependence = options.WantFillDependence,
        };
        GisBridge.Algorithms.Common.TorchRuntime.PreloadInBackground();
        context.Report(0, "reading", "reading the input raster");
        var input = inputs.Raster("input");
        var result = DirectionalFilter.Run(input, algorithmOptions, context.Stage(0.05, 0.95), context.Cancellation);
        FilterOutputs.Add(outputs, "filtered", result,
            $"directional cosine filter ({(options.Reject ? "reject" : "pass")} strike {options.StrikeAzimuthDegrees} deg, exponent {algorithmOptions.Exponent})",
            options.WantFillDependence, input.UnitsOf(options.Band));
        context.Report(1, "done", outputs.Result.Message);
    }
}
