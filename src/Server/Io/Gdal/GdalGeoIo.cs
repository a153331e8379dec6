using GisBridge.Algorithms.Common;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;
using GisBridge.Server.Streaming;

namespace GisBridge.Server.Io.Gdal;

/// <summary>The jobs' raster file operations, done by GDAL.</summary>
public sealed class GdalGeoIo : IGeoIo
{
    public RasterGrid ReadRaster(string path) => GdalRasterReader.Read(path);

    public void WriteRaster(string path, RasterGrid grid, RasterDataType type) => GdalRasterWriter.WriteGeoTiff(path, grid, type);

    public CrsDescription DescribeCrs(string wkt)
    {
        if (string.IsNullOrWhiteSpace(wkt)) return CrsDescription.Unknown;
        var c = GdalRasterReader.DescribeCrs(wkt);
        return new CrsDescription(c.Kind, c.LinearUnitMetres, c.SemiMajorAxis, c.InverseFlattening);
    }

    public string ToWkt(string definition, string field) => GdalCrs.ToWkt(definition, field);
}
