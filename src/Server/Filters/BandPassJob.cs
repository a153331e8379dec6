using GisBridge.Algorithms.Gravity;
using GisBridge.Server.Gravity;
using GisBridge.Server.Jobs;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Filters;

/// <summary>Band-pass job (RPC PotentialFieldFilters.BandPass and the `band-pass` verb): input "input", output
/// "filtered" (and "depends_on_fill").</summary>
public sealed class BandPassJob : IJob<Proto.BandPassOptions>
{
    public void Validate(Proto.BandPassOptions options)
    {
        if (options.LongCutoffKm <= 0 && options.ShortCutoffKm <= 0)
            throw new JobInputException("long_cutoff_km", "give a cut-off wavelength in km: long_cutoff_km (high-pass), short_cutoff_km (low-pass) or both");
        var o = Map(options);
        try
        {
            BandPass.CheckOptions(o);
        }
        catch (ArgumentException e)
        {
            throw new JobInputException("options", e.Message);
        }
    }

    public InputNeeds Needs(Proto.BandPassOptions options) => InputNeeds.Raster("input");

    public void Run(Proto.BandPassOptions options, JobInputs inputs, JobOutputs outputs, JobContext context)
    {
        Validate(options); // the CLI and direct callers come here without the runner's check
        var algorithmOptions = Map(options);
        GisBridge.Algorithms.Common.TorchRuntime.PreloadInBackground(); // loads while the input is read
        context.Report(0, "reading", "reading the input raster");
        var input = inputs.Raster("input");
        var result = BandPass.Run(input, algorithmOptions, context.Stage(0.05, 0.95), context.Cancellation);
        string kind = options.LongCutoffKm > 0 && options.ShortCutoffKm > 0 ? $"{options.LongCutoffKm}-{options.ShortCutoffKm} km band-pass"
            : options.LongCutoffKm > 0 ? $"{options.LongCutoffKm} km high-pass" : $"{options.ShortCutoffKm} km low-pass";
        FilterOutputs.Add(outputs, "filtered", result, $"{algorithmOptions.Shape} {kind}", options.WantFillDependence,
            input.UnitsOf(options.Band));
        context.Report(1, "done", outputs.Result.Message);
    }

    internal static BandPassOptions Map(Proto.BandPassOptions o) => new()
    {
        Shape = o.Shape switch
        {
            Proto.BandPassShape.Unspecified or Proto.BandPassShape.Gaussian => BandPassShape.Gaussian,
            Proto.BandPassShape.Butterworth => BandPassShape.Butterworth,
            Proto.BandPassShape.Cosine => BandPassShape.Cosine,
            _ => throw new JobInputException("shape", $"unknown band-pass shape {(int)o.Shape}; use gaussian, butterworth or cosine"),
        },
        LongCutoffKm = o.LongCutoffKm,
        ShortCutoffKm = o.ShortCutoffKm,
        Order = o.Order == 0 ? 2 : o.Order,
        Rolloff = o.Rolloff == 0 ? 1 : o.Rolloff,
        Fft = GravityOptionMapping.Fft(o.Fft),
        Band = o.Band,
        FillDependence = o.WantFillDependence,
    };
}
