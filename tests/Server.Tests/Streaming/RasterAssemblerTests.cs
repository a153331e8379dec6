using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;
using GisBridge.Server.Streaming;
using GisBridge.Server.Tests.Support;
using static GisBridge.Server.Tests.Support.RasterStreams;

namespace GisBridge.Server.Tests.Streaming;

public class RasterAssemblerTests
{
    private const long Limit = 1L << 30;

    [Fact]
    public void ChunksInAnyOrderRebuildTheBytes()
    {
        var a = new RasterAssembler(Header(3, 4, RasterDataType.Int16, bands: 2), Limit);
        var band0 = RandomBytes(3 * 4 * 2, 1);
        var band1 = RandomBytes(3 * 4 * 2, 2);
        a.Add(Chunk(1, 2, 2, band1[12..]));
        a.Add(Chunk(0, 0, 4, band0));
        Assert.False(a.IsComplete);
        a.Add(Chunk(1, 0, 2, band1[..12]));
        Assert.True(a.IsComplete);
        Assert.Equal(band0, a.BandBytes[0]);
        Assert.Equal(band1, a.BandBytes[1]);
    }

    [Theory]
    [InlineData(0, 4, "width/height")]
    [InlineData(3, -1, "width/height")]
    public void BadSizesAreRefusedByField(int w, int h, string field)
    {
        var e = Assert.Throws<JobInputException>(() => new RasterAssembler(Header(w, h), Limit));
        Assert.Contains(field, e.Field);
    }

    [Fact]
    public void UnknownDataTypeAndBadGeotransformAreRefused()
    {
        var h = Header(2, 2);
        h.DataType = (RasterDataType)99;
        Assert.Contains("data_type", Assert.Throws<JobInputException>(() => new RasterAssembler(h, Limit)).Field);
        var g = Header(2, 2);
        g.Geotransform.RemoveAt(5);
        Assert.Contains("geotransform", Assert.Throws<JobInputException>(() => new RasterAssembler(g, Limit)).Field);
        var n = Header(2, 2);
        n.Geotransform[1] = double.NaN;
        Assert.Contains("geotransform", Assert.Throws<JobInputException>(() => new RasterAssembler(n, Limit)).Field);
    }

    [Fact]
    public void AbsurdDimensionsAreAResourceLimitNamingTheSizes()
    {
        var e = Assert.Throws<ResourceLimitException>(() => new RasterAssembler(Header(1_000_000, 1_000_000), Limit));
        Assert.Contains("1000000x1000000", e.Message);
        Assert.Contains("limit", e.Message);
    }

    [Fact]
    public void WrongChunkSizesAreRefused()
    {
        var a = new RasterAssembler(Header(4, 4), Limit);
        Assert.Throws<JobInputException>(() => a.Add(Chunk(0, 0, 1, new byte[15])));  // 4 floats = 16 bytes
        Assert.Throws<JobInputException>(() => a.Add(Chunk(1, 0, 1, new byte[16])));  // no band 1
        Assert.Throws<JobInputException>(() => a.Add(Chunk(0, 3, 2, new byte[32])));  // past the last row
        Assert.Throws<JobInputException>(() => a.Add(Chunk(0, -1, 1, new byte[16])));
        a.Add(Chunk(0, 0, 1, new byte[16]));
        var dup = Assert.Throws<JobInputException>(() => a.Add(Chunk(0, 0, 1, new byte[16])));
        Assert.Contains("twice", dup.Message);
    }

    [Fact]
    public void TruncatedStreamIsRefusedWithTheCounts()
    {
        var a = new RasterAssembler(Header(4, 4), Limit);
        a.Add(Chunk(0, 0, 3, new byte[48]));
        var e = Assert.Throws<JobInputException>(a.EnsureComplete);
        Assert.Contains("3 of 4", e.Message);
    }

    [Fact]
    public void NodataBecomesNaNInTheGrid()
    {
        var h = Header(2, 1, RasterDataType.Int16);
        h.HasNodata = true;
        h.Nodata = -9999;
        var a = new RasterAssembler(h, Limit);
        a.Add(Chunk(0, 0, 1, [0xF1, 0xD8, 0x07, 0x00]));  // -9999, 7
        var grid = a.ToGrid(_ => CrsDescription.Unknown);
        Assert.True(float.IsNaN(grid.Bands[0][0]));
        Assert.Equal(7f, grid.Bands[0][1]);
        Assert.Equal(-9999, grid.NoData);
    }
}
