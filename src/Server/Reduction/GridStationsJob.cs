using System.Globalization;
using System.Text.Json;
using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Gravity.Reduction;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Reduction;

/// <summary>
/// Station gridding job (RPC GravityReduction.GridStations, verb `grid-stations`): a station table "stations"
/// (CSV or CSV.xz, longitude/latitude in degrees) reduced station by station (Bouguer or free-air anomaly from
/// absolute gravity and height, or any value column), then gridded by GDAL (gdal_grid's inverse distance, Delaunay
/// linear or moving average). Cells with no station within max_distance_km are nodata, decided by GDAL's own
/// "count" metric over the same search ellipse. Output "grid" (mGal), EPSG:4326.
/// </summary>
public sealed class GridStationsJob : IJob<Proto.GridStationsOptions>
{
    public const double DefaultCellDegrees = 0.05, DefaultMaxDistanceKm = 25;
    private const double KmPerDegreeLatitude = 110.574;

    /// <summary>Most cells of the output grid (the extent comes from the stations, the cell size from the options).</summary>
    public const long MaxGridCells = 200_000_000;

    public void Validate(Proto.GridStationsOptions options)
    {
        OptionChecks.Defined(options.Value, "value");
        ReductionOptionMapping.Check(options.Ellipsoid, options.Method, 0);
        OptionChecks.Range(options.CrustDensity, 100, 20_000, "crust_density");
        if (options.Value == Proto.StationValueKind.Column && string.IsNullOrWhiteSpace(options.ValueColumn))
            throw new JobInputException("value_column", "name the column to grid");
        double cell = options.CellSizeDeg == 0 ? DefaultCellDegrees : options.CellSizeDeg;
        double maxKm = options.MaxDistanceKm == 0 ? DefaultMaxDistanceKm : options.MaxDistanceKm;
        if (!(cell >= 1e-5 && cell <= 10)) throw new JobInputException("cell_size_deg", $"cell size {cell}° must be in [0.00001, 10]");
        if (!(maxKm > 0 && maxKm <= 5000)) throw new JobInputException("max_distance_km", $"{maxKm} km must be in (0, 5000]");
        OptionChecks.OneOf(options.Algorithm, "algorithm", "invdist", "linear", "average");
    }

    public InputNeeds Needs(Proto.GridStationsOptions options) => InputNeeds.File("stations");

    public void Run(Proto.GridStationsOptions options, JobInputs inputs, JobOutputs outputs, JobContext context)
    {
        Validate(options);
        string lonName = Or(options.LongitudeColumn, "longitude"), latName = Or(options.LatitudeColumn, "latitude");
        string heightName = Or(options.HeightColumn, "height_sea_level_m"), gravityName = Or(options.GravityColumn, "gravity_mgal");
        var kind = options.Value == Proto.StationValueKind.Unspecified ? Proto.StationValueKind.Bouguer : options.Value;
        double cell = options.CellSizeDeg == 0 ? DefaultCellDegrees : options.CellSizeDeg;
        double maxKm = options.MaxDistanceKm == 0 ? DefaultMaxDistanceKm : options.MaxDistanceKm;
        string algorithm = string.IsNullOrWhiteSpace(options.Algorithm) ? "invdist" : options.Algorithm.Trim().ToLowerInvariant();

        context.Report(0, "reading", "reading the station table");
        string[] wanted = kind == Proto.StationValueKind.Column ? [lonName, latName, options.ValueColumn] : [lonName, latName, heightName, gravityName];
        var table = StationTable.Read(inputs.FilePath("stations"), wanted, context.Cancellation);
        double[] lon = table.Values[lonName], lat = table.Values[latName];
        double[] values;
        int dropped;
        if (kind == Proto.StationValueKind.Column)
        {
            values = table.Values[options.ValueColumn];
            dropped = values.Count(v => !double.IsFinite(v));
        }
        else
        {
            var stations = new StationGravity(lon, lat, table.Values[heightName], table.Values[gravityName]);
            var method = ReductionOptionMapping.Method(options.Method);
            var reduced = StationReduction.Reduce(stations, ReductionOptionMapping.Ellipsoid(options.Ellipsoid), method,
                options.CrustDensity == 0 ? BouguerPlate.DefaultCrustDensity : options.CrustDensity);
            values = kind == Proto.StationValueKind.FreeAir ? reduced.FreeAir : reduced.Bouguer;
            dropped = reduced.Dropped;
        }
        var usable = Enumerable.Range(0, lon.Length).Where(i => double.IsFinite(lon[i]) && double.IsFinite(lat[i]) && double.IsFinite(values[i])).ToArray();
        if (usable.Length < 3) throw new JobInputException("stations", $"only {usable.Length} stations have usable values; gridding needs at least 3");
        double west = usable.Min(i => lon[i]), east = usable.Max(i => lon[i]), south = usable.Min(i => lat[i]), north = usable.Max(i => lat[i]);
        if (Math.Abs(south) > 90 || Math.Abs(north) > 90 || west < -360 || east > 360)
            throw new JobInputException("stations", $"coordinates (lon {west}..{east}, lat {south}..{north}) are not longitude/latitude in degrees");
        west -= cell / 2; east += cell / 2; south -= cell / 2; north += cell / 2;
        double cells = Math.Ceiling((east - west) / cell) * Math.Ceiling((north - south) / cell);
        if (cells > MaxGridCells)
            throw new ResourceLimitException($"cell_size_deg: {cell}° over the stations' extent (lon {west:0.###}..{east:0.###}, lat {south:0.###}..{north:0.###}) " +
                $"makes {cells:N0} cells, more than the limit of {MaxGridCells:N0}; use a larger cell size");
        var target = new GridTarget(west, east, south, north, (int)Math.Ceiling((east - west) / cell), (int)Math.Ceiling((north - south) / cell));
        target = target with { East = west + target.Width * cell, South = north - target.Height * cell };

        // Search ellipse in degrees: max_distance along a parallel (mid latitude) and along a meridian.
        double midLat = (south + north) / 2 * Math.PI / 180;
        double r2 = maxKm / KmPerDegreeLatitude, r1 = maxKm / (111.320 * Math.Max(Math.Cos(midLat), 0.01));
        string ellipse = string.Create(CultureInfo.InvariantCulture, $"radius1={r1:R}:radius2={r2:R}:angle=0");
        string spec = algorithm switch
        {
            "linear" => "linear:radius=-1:nodata=nan",
            "average" => $"average:{ellipse}:min_points=1:nodata=nan",
            _ => $"invdist:power=2:smoothing=0:{ellipse}:max_points=16:min_points=1:nodata=nan",
        };
        double[] x = usable.Select(i => lon[i]).ToArray(), y = usable.Select(i => lat[i]).ToArray(), z = usable.Select(i => values[i]).ToArray();
        context.Report(0.3, "gridding", $"gridding {usable.Length} stations ({spec})");
        var grid = GdalGrid.Points(x, y, z, target, spec, "EPSG:4326");
        context.Cancellation.ThrowIfCancellationRequested();
        var count = GdalGrid.Points(x, y, z, target, $"count:{ellipse}:min_points=1:nodata=0", "EPSG:4326");
        var band = grid.Bands[0];
        int masked = 0;
        for (long i = 0; i < band.LongLength; i++)
            if (!(count.Bands[0][i] > 0) && !float.IsNaN(band[i])) { band[i] = float.NaN; masked++; }
        int empty = band.Count(float.IsNaN);
        var output = new RasterGrid(grid.Width, grid.Height, grid.Transform, [band])
        {
            CrsWkt = grid.CrsWkt, CrsKind = grid.CrsKind, BandNames = [kind.ToString().ToLowerInvariant()],
        };
        // A value column is gridded as it is, in units the table does not state.
        outputs.AddRaster("grid", kind == Proto.StationValueKind.Column ? output : output.WithUnits(BouguerAnomalyJob.GravityUnits));
        outputs.Result.Message = $"gridded {usable.Length} stations ({kind.ToString().ToLowerInvariant()}, {algorithm}) to {grid.Width}x{grid.Height} cells of {cell}°; " +
            $"{empty} cells farther than {maxKm} km from any station are nodata";
        if (dropped > 0) outputs.Warn($"{dropped} stations with missing values were left out");
        outputs.Result.ReportJson = JsonSerializer.Serialize(new
        {
            stations = table.Rows, used = usable.Length, dropped, value = kind.ToString(), algorithm = spec,
            width = grid.Width, height = grid.Height, cell_deg = cell, max_distance_km = maxKm, nodata_cells = empty, masked_by_distance = masked,
        });
        context.Report(1, "done", outputs.Result.Message);
    }

    private static string Or(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;
}
