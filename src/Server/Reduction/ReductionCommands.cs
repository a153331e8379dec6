using System.CommandLine;
using GisBridge.Server.Jobs;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Reduction;

/// <summary>
/// CLI verbs `normal-gravity`, `gravity-disturbance`, `bouguer-anomaly` and `grid-stations`: the same jobs as the
/// GravityReduction RPCs, with files in and out.
/// </summary>
public static class ReductionCommands
{
    public static Command NormalGravity(IServiceProvider services)
    {
        var template = new Option<string>("--template") { Description = "Raster whose grid is used (geographic, or no CRS with lon/lat coordinates)", Required = true };
        var output = new Option<string>("--output") { Description = "Output GeoTIFF of normal gravity (mGal)", Required = true };
        var (ellipsoid, method, height, heightRaster, report) = HeightOptions();
        var command = new Command("normal-gravity", "Normal gravity of the reference ellipsoid (Somigliana; exact at height by Li & Götze 2001) on a grid")
            { template, output, ellipsoid, method, height, heightRaster, report };
        command.SetAction((parse, ct) =>
        {
            var options = new Proto.NormalGravityOptions
            {
                Ellipsoid = Ellipsoid(parse.GetValue(ellipsoid)), Method = Method(parse.GetValue(method)), HeightM = parse.GetValue(height),
            };
            return Task.FromResult(Run(services, services.GetRequiredService<NormalGravityJob>(), options,
                ("template", parse.GetValue(template)!), ("height", parse.GetValue(heightRaster)),
                [("normal_gravity", parse.GetValue(output)!)], parse.GetValue(report), ct));
        });
        return command;
    }

    public static Command GravityDisturbance(IServiceProvider services)
    {
        var input = new Option<string>("--input") { Description = "Observed (absolute) gravity raster, mGal", Required = true };
        var output = new Option<string>("--output") { Description = "Output GeoTIFF of the disturbance / free-air anomaly (mGal)", Required = true };
        var band = new Option<int>("--band") { Description = "Band to process, 0-based (default 0)" };
        var (ellipsoid, method, height, heightRaster, report) = HeightOptions();
        var command = new Command("gravity-disturbance",
            "Observed gravity minus normal gravity at the observation height: gravity disturbance (exact) or free-air anomaly (--method free-air)")
            { input, output, band, ellipsoid, method, height, heightRaster, report };
        command.SetAction((parse, ct) =>
        {
            var options = new Proto.GravityDisturbanceOptions
            {
                Ellipsoid = Ellipsoid(parse.GetValue(ellipsoid)), Method = Method(parse.GetValue(method)),
                HeightM = parse.GetValue(height), Band = parse.GetValue(band),
            };
            return Task.FromResult(Run(services, services.GetRequiredService<GravityDisturbanceJob>(), options,
                ("input", parse.GetValue(input)!), ("height", parse.GetValue(heightRaster)),
                [("disturbance", parse.GetValue(output)!)], parse.GetValue(report), ct));
        });
        return command;
    }

    public static Command BouguerAnomaly(IServiceProvider services)
    {
        var input = new Option<string>("--input") { Description = "Gravity disturbance or free-air anomaly raster, mGal", Required = true };
        var topography = new Option<string>("--topography") { Description = "Topography/bathymetry raster (m) on the same grid", Required = true };
        var output = new Option<string>("--output") { Description = "Output GeoTIFF of the simple Bouguer anomaly (mGal)", Required = true };
        var correction = new Option<string?>("--correction") { Description = "Also write the Bouguer correction 2πGρh (mGal) here" };
        var crust = new Option<double>("--density") { Description = "Crust density kg/m³ (default 2670)" };
        var water = new Option<double>("--water-density") { Description = "Sea-water density kg/m³ for negative topography (default 1030)" };
        var band = new Option<int>("--band") { Description = "Band to process, 0-based (default 0)" };
        var report = new Option<string?>("--report") { Description = "Write the JSON report here" };
        var command = new Command("bouguer-anomaly", "Simple Bouguer anomaly: anomaly minus the infinite-slab correction from a topography grid (ocean cells: water replaced by crust)")
            { input, topography, output, correction, crust, water, band, report };
        command.SetAction((parse, ct) =>
        {
            string? correctionPath = parse.GetValue(correction);
            var options = new Proto.BouguerAnomalyOptions
            {
                CrustDensity = parse.GetValue(crust), WaterDensity = parse.GetValue(water), Band = parse.GetValue(band),
                WantCorrection = correctionPath is not null,
            };
            var outputs = new List<(string, string)> { ("bouguer", parse.GetValue(output)!) };
            if (correctionPath is not null) outputs.Add(("correction", correctionPath));
            return Task.FromResult(Run(services, services.GetRequiredService<BouguerAnomalyJob>(), options,
                ("input", parse.GetValue(input)!), ("topography", parse.GetValue(topography)), outputs, parse.GetValue(report), ct));
        });
        return command;
    }

    public static Command GridStations(IServiceProvider services)
    {
        var stations = new Option<string>("--stations") { Description = "Station table: CSV or CSV compressed with xz (.csv.xz)", Required = true };
        var output = new Option<string>("--output") { Description = "Output GeoTIFF (EPSG:4326)", Required = true };
        var value = new Option<string>("--value") { Description = "bouguer (default), free-air, or column (with --value-column)", DefaultValueFactory = _ => "bouguer" };
        value.AcceptOnlyFromAmong("bouguer", "free-air", "column");
        var valueColumn = new Option<string?>("--value-column") { Description = "Column gridded with --value column" };
        var lon = new Option<string?>("--lon-column") { Description = "Longitude column (default longitude)" };
        var lat = new Option<string?>("--lat-column") { Description = "Latitude column (default latitude)" };
        var heightColumn = new Option<string?>("--height-column") { Description = "Station height column, m (default height_sea_level_m)" };
        var gravityColumn = new Option<string?>("--gravity-column") { Description = "Observed gravity column, mGal (default gravity_mgal)" };
        var cell = new Option<double>("--cell-size") { Description = "Cell size in degrees (default 0.05)" };
        var maxDistance = new Option<double>("--max-distance") { Description = "Cells with no station within this many km are nodata (default 25)" };
        var algorithm = new Option<string>("--algorithm") { Description = "GDAL gridding: invdist (default), linear or average", DefaultValueFactory = _ => "invdist" };
        algorithm.AcceptOnlyFromAmong("invdist", "linear", "average");
        var crust = new Option<double>("--density") { Description = "Crust density kg/m³ for the Bouguer correction (default 2670)" };
        var (ellipsoid, method, _, _, report) = HeightOptions();
        var command = new Command("grid-stations", "Reduce ground gravity stations (Bouguer or free-air anomaly) and grid them with GDAL; cells far from stations are nodata")
            { stations, output, value, valueColumn, lon, lat, heightColumn, gravityColumn, cell, maxDistance, algorithm, crust, ellipsoid, method, report };
        command.SetAction((parse, ct) =>
        {
            var options = new Proto.GridStationsOptions
            {
                LongitudeColumn = parse.GetValue(lon) ?? "", LatitudeColumn = parse.GetValue(lat) ?? "",
                HeightColumn = parse.GetValue(heightColumn) ?? "", GravityColumn = parse.GetValue(gravityColumn) ?? "",
                Value = parse.GetValue(value) switch
                {
                    "free-air" => Proto.StationValueKind.FreeAir,
                    "column" => Proto.StationValueKind.Column,
                    _ => Proto.StationValueKind.Bouguer,
                },
                ValueColumn = parse.GetValue(valueColumn) ?? "", CellSizeDeg = parse.GetValue(cell), MaxDistanceKm = parse.GetValue(maxDistance),
                Algorithm = parse.GetValue(algorithm) ?? "invdist", CrustDensity = parse.GetValue(crust),
                Ellipsoid = Ellipsoid(parse.GetValue(ellipsoid)), Method = Method(parse.GetValue(method)),
            };
            var runner = services.GetRequiredService<CliJobRunner>();
            var inputs = new JobInputs();
            string path = parse.GetValue(stations)!;
            inputs.AddFile(new InputFile("stations", Path.GetFileName(path), Path.GetFullPath(path)));
            var destinations = new CliDestinations { ReportPath = parse.GetValue(report) };
            destinations.Rasters["grid"] = parse.GetValue(output)!;
            return Task.FromResult(runner.Run(services.GetRequiredService<GridStationsJob>(), options, inputs, destinations, ct));
        });
        return command;
    }

    private static (Option<string> Ellipsoid, Option<string> Method, Option<double> Height, Option<string?> HeightRaster, Option<string?> Report) HeightOptions()
    {
        var ellipsoid = new Option<string>("--ellipsoid") { Description = "Reference ellipsoid: wgs84 (default) or grs80", DefaultValueFactory = _ => "wgs84" };
        ellipsoid.AcceptOnlyFromAmong("wgs84", "grs80");
        var method = new Option<string>("--method") { Description = "exact (closed form at height, default) or free-air (0.3086 mGal/m)", DefaultValueFactory = _ => "exact" };
        method.AcceptOnlyFromAmong("exact", "free-air");
        var height = new Option<double>("--height") { Description = "Observation height above the ellipsoid, m (default 0)" };
        var heightRaster = new Option<string?>("--height-raster") { Description = "Observation heights (m) per cell, same grid; overrides --height" };
        var report = new Option<string?>("--report") { Description = "Write the JSON report here" };
        return (ellipsoid, method, height, heightRaster, report);
    }

    private static Proto.ReferenceEllipsoidKind Ellipsoid(string? name) =>
        name == "grs80" ? Proto.ReferenceEllipsoidKind.Grs80 : Proto.ReferenceEllipsoidKind.Wgs84;

    private static Proto.HeightReductionKind Method(string? name) =>
        name == "free-air" ? Proto.HeightReductionKind.FreeAirGradient : Proto.HeightReductionKind.Exact;

    private static int Run<TOptions>(IServiceProvider services, IJob<TOptions> job, TOptions options, (string Name, string Path) first,
        (string Name, string? Path) second, IReadOnlyList<(string Name, string Path)> rasters, string? report, CancellationToken ct)
    {
        var runner = services.GetRequiredService<CliJobRunner>();
        var inputs = new JobInputs();
        inputs.AddRasterFile(first.Name, first.Path, runner.Geo);
        if (second.Path is { } p) inputs.AddRasterFile(second.Name, p, runner.Geo);
        var destinations = new CliDestinations { ReportPath = report };
        foreach (var (name, path) in rasters) destinations.Rasters[name] = path;
        return runner.Run(job, options, inputs, destinations, ct);
    }
}
