using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Gravity.Reduction;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Reduction;

/// <summary>Protocol enums to the algorithm's types, and the CRS a grid without one is given.</summary>
public static class ReductionOptionMapping
{
    public static ReferenceEllipsoid Ellipsoid(Proto.ReferenceEllipsoidKind kind) =>
        kind == Proto.ReferenceEllipsoidKind.Grs80 ? ReferenceEllipsoid.Grs80 : ReferenceEllipsoid.Wgs84;

    public static HeightReduction Method(Proto.HeightReductionKind kind) =>
        kind == Proto.HeightReductionKind.FreeAirGradient ? HeightReduction.FreeAirGradient : HeightReduction.Exact;

    /// <summary>The grid of role <paramref name="role"/> (WGS 84 assumed when it has no CRS), the observation height
    /// (constant, or the optional "height" raster), the ellipsoid and the height reduction of a job's options.</summary>
    public static (RasterGrid Grid, ObservationHeight Height, ReferenceEllipsoid Ellipsoid, HeightReduction Method) Inputs(
        Jobs.JobInputs inputs, string role, Jobs.JobOutputs outputs, Proto.ReferenceEllipsoidKind ellipsoid,
        Proto.HeightReductionKind method, double heightMetres) =>
        (AssumeGeographic(inputs.Raster(role), outputs),
         new ObservationHeight(heightMetres, inputs.HasRaster("height") ? inputs.Raster("height") : null),
         Ellipsoid(ellipsoid), Method(method));

    /// <summary>EPSG:4326 as WKT (OGC WKT1, as GDAL writes it).</summary>
    public const string Wgs84Wkt = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]]," +
        "AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433," +
        "AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]";

    /// <summary>
    /// A grid without a CRS whose coordinates are longitude/latitude (global model grids such as ICGEM's netCDF carry
    /// none) is given WGS 84 so that its outputs are georeferenced; others are returned as they are.
    /// </summary>
    public static RasterGrid AssumeGeographic(RasterGrid grid, Jobs.JobOutputs outputs)
    {
        if (grid.CrsKind != CrsKind.Unknown) return grid;
        var probe = new List<string>();
        GridLatitudes.Of(grid, probe); // refuses coordinates that are not longitude/latitude
        outputs.Warn("the input has no CRS: its coordinates are taken as WGS 84 longitude/latitude");
        return new RasterGrid(grid.Width, grid.Height, grid.Transform, grid.Bands)
        {
            CrsWkt = Wgs84Wkt,
            CrsKind = CrsKind.Geographic,
            NoData = grid.NoData,
            BandNames = grid.BandNames,
        };
    }
}
