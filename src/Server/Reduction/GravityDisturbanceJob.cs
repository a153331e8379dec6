using System.Text.Json;
using GisBridge.Algorithms.Gravity.Reduction;
using GisBridge.Server.Jobs;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Reduction;

/// <summary>
/// Gravity disturbance job (RPC GravityReduction.GravityDisturbance, verb `gravity-disturbance`): observed gravity
/// "input" (mGal, absolute) minus normal gravity at the observation point: the gravity disturbance with the exact
/// method, the classical free-air anomaly with the free-air gradient. Height: constant, or an optional "height" raster.
/// Output "disturbance" (mGal).
/// </summary>
public sealed class GravityDisturbanceJob : IJob<Proto.GravityDisturbanceOptions>
{
    public void Validate(Proto.GravityDisturbanceOptions options)
    {
        ReductionOptionMapping.Check(options.Ellipsoid, options.Method, options.HeightM);
        OptionChecks.Range(options.Band, 0, int.MaxValue, "band");
    }

    public InputNeeds Needs(Proto.GravityDisturbanceOptions options) => InputNeeds.Raster("input");

    public void Run(Proto.GravityDisturbanceOptions options, JobInputs inputs, JobOutputs outputs, JobContext context)
    {
        context.Report(0, "reading", "reading the gravity grid");
        var (gravity, height, ellipsoid, method) = ReductionOptionMapping.Inputs(inputs, "input", options.Ellipsoid, options.Method, options.HeightM);
        var warnings = new List<string>();
        context.Report(0.3, "reducing", "subtracting normal gravity");
        var grid = GravityReduction.Disturbance(gravity, options.Band, ellipsoid, height, method, warnings);
        foreach (var w in warnings) outputs.Warn(w);
        outputs.AddRaster("disturbance", grid.WithUnits(BouguerAnomalyJob.GravityUnits));
        outputs.Result.Message = $"{grid.BandNames[0].Replace('_', ' ')} of a {gravity.Width}x{gravity.Height} grid ({ellipsoid.Name}, {NormalGravityJob.Describe(method)})";
        outputs.Result.ReportJson = JsonSerializer.Serialize(new
        {
            ellipsoid = ellipsoid.Name,
            method = method.ToString(),
            height_m = height.Grid is null ? options.HeightM : (double?)null,
            height_raster = height.Grid is not null,
        });
        context.Report(1, "done", outputs.Result.Message);
    }
}
