using GisBridge.Algorithms.Gravity;
using GisBridge.Server.Jobs;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Gravity;

/// <summary>Derivative job (RPC Gravity.Derivative and the `derivative` verb): input "input", output named after the kind (and "depends_on_fill" when asked).</summary>
public sealed class DerivativeJob : IJob<Proto.DerivativeOptions>
{
    public void Validate(Proto.DerivativeOptions options) =>
        PotentialFieldDerivatives.CheckOptions(Kind(options.Kind).Kind, GravityOptionMapping.Fft(options.Fft), options.Band);

    public InputNeeds Needs(Proto.DerivativeOptions options) => InputNeeds.Raster("input");

    public void Run(Proto.DerivativeOptions options, JobInputs inputs, JobOutputs outputs, JobContext context)
    {
        var (kind, name) = Kind(options.Kind);
        GisBridge.Algorithms.Common.TorchRuntime.PreloadInBackground(); // the vertical derivative's FFT; loads while the input is read
        context.Report(0, "reading", "reading the input raster");
        var input = inputs.Raster("input");
        var result = PotentialFieldDerivatives.Run(input, kind, GravityOptionMapping.Fft(options.Fft), options.Band,
            options.WantFillDependence, context.Stage(0.05, 0.95), context.Cancellation);
        bool angle = kind is DerivativeKind.Tilt or DerivativeKind.Tdx;
        string inputUnits = input.UnitsOf(options.Band); // the band exists: Run checked it
        string units = angle ? "radians" : inputUnits.Length > 0 ? inputUnits + "/m" : "";
        Filters.FilterOutputs.Add(outputs, name, result, name + (angle ? " (radians)" : " (input units per metre)"), options.WantFillDependence, units);
        context.Report(1, "done", outputs.Result.Message);
    }

    /// <summary>The algorithm's kind and the output name for a protocol kind.</summary>
    public static (DerivativeKind Kind, string Name) Kind(Proto.DerivativeKind kind) => kind switch
    {
        Proto.DerivativeKind.Vertical => (DerivativeKind.Vertical, "vertical"),
        Proto.DerivativeKind.TotalHorizontalGradient => (DerivativeKind.TotalHorizontalGradient, "thg"),
        Proto.DerivativeKind.Tilt => (DerivativeKind.Tilt, "tilt"),
        Proto.DerivativeKind.AnalyticSignal => (DerivativeKind.AnalyticSignal, "analytic_signal"),
        Proto.DerivativeKind.Tdx => (DerivativeKind.Tdx, "tdx"),
        _ => throw new JobInputException("kind",
            "choose the derivative: vertical, thg (total horizontal gradient, THDR), tilt, analytic-signal or tdx"),
    };
}
