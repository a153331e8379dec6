using System.Text.Json;
using GisBridge.Algorithms.Gravity.Reduction;
using GisBridge.Server.Jobs;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Reduction;

/// <summary>
/// Simple Bouguer anomaly job (RPC GravityReduction.BouguerAnomaly, verb `bouguer-anomaly`): anomaly raster "input"
/// (a gravity disturbance or free-air anomaly, mGal) minus the slab correction 2πGρh from raster "topography"
/// (metres, negative at sea: water replaced by crust). Outputs "bouguer" and, if asked, "correction".
/// </summary>
public sealed class BouguerAnomalyJob : IJob<Proto.BouguerAnomalyOptions>
{
    /// <summary>The units of every reduced gravity grid, stated in the files so that clients can name layers.</summary>
    public const string GravityUnits = "mGal";

    public void Validate(Proto.BouguerAnomalyOptions options)
    {
        OptionChecks.Range(options.CrustDensity, 100, 20_000, "crust_density");
        OptionChecks.Range(options.WaterDensity, 100, 20_000, "water_density");
        OptionChecks.Range(options.Band, 0, int.MaxValue, "band");
    }

    public InputNeeds Needs(Proto.BouguerAnomalyOptions options) => InputNeeds.Raster("input", "topography");

    public void Run(Proto.BouguerAnomalyOptions options, JobInputs inputs, JobOutputs outputs, JobContext context)
    {
        double crust = options.CrustDensity == 0 ? BouguerPlate.DefaultCrustDensity : options.CrustDensity;
        double water = options.WaterDensity == 0 ? BouguerPlate.DefaultWaterDensity : options.WaterDensity;
        context.Report(0, "reading", "reading the anomaly and topography grids");
        var anomaly = inputs.Raster("input");
        var topography = inputs.Raster("topography");
        var finite = anomaly.Bands[Math.Clamp(options.Band, 0, anomaly.Bands.Count - 1)].Where(float.IsFinite).Take(100_000).ToArray();
        if (finite.Length > 0 && Math.Abs(finite.Average()) > 50_000)
            throw new JobInputException("input", $"the input's values (mean {finite.Average():0}) are absolute gravity, not an anomaly: run gravity-disturbance first");
        var (bouguer, correction) = GravityReduction.Bouguer(anomaly, options.Band, topography, crust, water);
        outputs.AddRaster("bouguer", bouguer.WithUnits(GravityUnits));
        if (options.WantCorrection) outputs.AddRaster("correction", correction.WithUnits(GravityUnits));
        outputs.Result.Message = $"simple Bouguer anomaly of a {anomaly.Width}x{anomaly.Height} grid (crust {crust} kg/m³, water {water} kg/m³)";
        outputs.Result.ReportJson = JsonSerializer.Serialize(new { crust_density = crust, water_density = water, g = BouguerPlate.G });
        context.Report(1, "done", outputs.Result.Message);
    }
}
