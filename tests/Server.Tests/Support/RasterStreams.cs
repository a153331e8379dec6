using Google.Protobuf;
using GisBridge.Protocol.V1;

namespace GisBridge.Server.Tests.Support;

/// <summary>Builds raster headers and chunks by hand, well-formed or deliberately broken.</summary>
public static class RasterStreams
{
    public static RasterHeader Header(int width, int height, RasterDataType type = RasterDataType.Float32, int bands = 1, string name = "input")
    {
        var h = new RasterHeader { Name = name, Width = width, Height = height, BandCount = bands, DataType = type, CrsWkt = "" };
        h.Geotransform.AddRange([0, 1000, 0, 0, 0, -1000]);
        return h;
    }

    public static RasterChunk Chunk(int band, int rowStart, int rowCount, byte[] data) =>
        new() { Band = band, RowStart = rowStart, RowCount = rowCount, Data = ByteString.CopyFrom(data) };

    public static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
