using GisBridge.Algorithms.Common;
using GisBridge.Protocol.V1;
using GisBridge.Server.Streaming;

namespace GisBridge.Server.Jobs;

/// <summary>The raster file operations jobs and runners need (GDAL in the product, see Gdal/GdalGeoIo).</summary>
public interface IGeoIo
{
    RasterGrid ReadRaster(string path);
    /// <summary>Writes a GeoTIFF atomically: no partial file is ever left at <paramref name="path"/>.</summary>
    void WriteRaster(string path, RasterGrid grid, RasterDataType type);
    CrsDescription DescribeCrs(string wkt);
    /// <summary>WKT of a CRS given as WKT, "EPSG:n" or a PROJ string; ArgumentException naming <paramref name="field"/> when unknown.</summary>
    string ToWkt(string definition, string field);
}
