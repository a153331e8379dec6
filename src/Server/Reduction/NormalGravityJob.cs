using GisBridge.Algorithms.Gravity.Reduction;
using GisBridge.Server.Jobs;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Reduction;

/// <summary>
/// Normal gravity job (RPC GravityReduction.NormalGravity, verb `normal-gravity`): normal gravity of the reference
/// ellipsoid on the grid of raster "template" (its values are not used), at a constant height or at the heights of
/// an optional "height" raster. Output "normal_gravity" (mGal).
/// </summary>
public sealed class NormalGravityJob : IJob<Proto.NormalGravityOptions>
{
    public void Validate(Proto.NormalGravityOptions options) =>
        ReductionOptionMapping.Check(options.Ellipsoid, options.Method, options.HeightM);

    public InputNeeds Needs(Proto.NormalGravityOptions options) => InputNeeds.Raster("template");

    public void Run(Proto.NormalGravityOptions options, JobInputs inputs, JobOutputs outputs, JobContext context)
    {
        context.Report(0, "reading", "reading the template grid");
        var (template, height, ellipsoid, method) = ReductionOptionMapping.Inputs(inputs, "template", options.Ellipsoid, options.Method, options.HeightM);
        var warnings = new List<string>();
        var grid = GravityReduction.NormalGravityGrid(template, ellipsoid, height, method, warnings);
        foreach (var w in warnings) outputs.Warn(w);
        outputs.AddRaster("normal_gravity", grid.WithUnits(BouguerAnomalyJob.GravityUnits)); // float32: ~0.03 mGal rounding at 978,000 mGal
        outputs.Result.Message = $"normal gravity ({ellipsoid.Name}, {Describe(method)}) on a {template.Width}x{template.Height} grid" +
            (height.Grid is null ? $" at {options.HeightM} m" : " at the height raster's heights");
        context.Report(1, "done", outputs.Result.Message);
    }

    internal static string Describe(HeightReduction method) =>
        method == HeightReduction.Exact ? "exact closed form at height, Li & Götze 2001" : "Somigliana with the 0.3086 mGal/m free-air gradient";
}
