using GisBridge.Algorithms.Common;
using GisBridge.Protocol.V1;
using GisBridge.Server.Streaming;
namespace GisBridge.Server.Gdal;
public static class GdalLibrary { public static string Version => "x"; }
public sealed class GdalGeoIo : GisBridge.Server.Jobs.IGeoIo {
  public RasterGrid ReadRaster(string path) => throw new NotImplementedException();
  public void WriteRaster(string path, RasterGrid grid, RasterDataType type) => throw new NotImplementedException();
  public CrsDescription DescribeCrs(string wkt) => CrsDescription.Unknown;
}
