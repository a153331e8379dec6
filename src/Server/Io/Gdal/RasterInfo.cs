using GisBridge.Algorithms.Common;

namespace GisBridge.Server.Io.Gdal;

/// <summary>A raster's header as GDAL sees it, without pixels (<see cref="GdalRasterReader.Inspect"/>).</summary>
public sealed record RasterInfo(
    string Path,
    string Driver,
    int Width,
    int Height,
    IReadOnlyList<RasterBandInfo> Bands,
    GeoTransform Transform,
    bool HasGeoTransform,
    string CrsWkt,
    CrsSummary Crs)
{
    public long Cells => (long)Width * Height;
}

/// <summary>One band: GDAL data type name ("Int16", "Float32", "CFloat32"...), nodata (raw), scale/offset, name.</summary>
public sealed record RasterBandInfo(
    int Index,
    string DataType,
    bool IsComplex,
    double? NoData,
    double Scale,
    double Offset,
    string Description);

/// <summary>Limits applied by <see cref="GdalRasterReader"/>.</summary>
public sealed record RasterReadOptions
{
    /// <summary>
    /// Largest number of cells read, counted over all bands read (width x height x bands). Default 2^28
    /// (268 million cells = 1 GiB of float32). Larger rasters raise GdalException with Kind ResourceLimit.
    /// </summary>
    public long MaxCells { get; init; } = 1L << 28;

    public static readonly RasterReadOptions Default = new();
}
