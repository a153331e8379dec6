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
        Assert.Equal(band0, a.CopyBand(0));
        Assert.Equal(band1, a.CopyBand(1));
        Assert.Equal([0, 2], a.ChunksOf(1).Select(c => c.RowStart));
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
        a.Add(Chunk(0, 3, 1, new byte[16]));
        var overlap = Assert.Throws<JobInputException>(() => a.Add(Chunk(0, 1, 3, new byte[48])));  // rows 1..3, 3 is taken
        Assert.Contains("row 3 of band 0 was sent twice", overlap.Message);
        var before = Assert.Throws<JobInputException>(() => a.Add(Chunk(0, 0, 2, new byte[32])));  // rows 0..1, 0 is taken
        Assert.Contains("row 0 of band 0 was sent twice", before.Message);
    }

    [Theory]
    [InlineData(16384, 16384, 2)]   // 2 x 1 GiB of float32
    [InlineData(1, 1 << 29, 1)]     // 2 GiB in one-cell rows: nothing per row may be allocated either
    public void AHeaderClaimingTwoGigabytesAllocatesNothingUntilTheDataArrives(int width, int height, int bands)
    {
        var budget = new MemoryBudget(4L << 30);
        long before = GC.GetAllocatedBytesForCurrentThread();
        using var a = new RasterAssembler(Header(width, height, RasterDataType.Float32, bands), 4L << 30, budget);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1 << 20, $"{allocated:N0} bytes allocated for a header");
        Assert.Equal(0, budget.UsedBytes);
        var e = Assert.Throws<JobInputException>(a.EnsureComplete);
        Assert.Contains($"0 of {(long)height * bands}", e.Message);
    }

    [Fact]
    public void TheBudgetGrowsWithTheDataAndIsReturnedOnDispose()
    {
        var budget = new MemoryBudget(1L << 30);
        var a = new RasterAssembler(Header(256, 256), Limit, budget);
        a.Add(Chunk(0, 0, 64, new byte[64 * 256 * 4]));
        long held = budget.UsedBytes;
        Assert.InRange(held, 64 * 256 * 4, 64 * 256 * 4 + 1024);
        a.Dispose();
        Assert.Equal(0, budget.UsedBytes);
    }

    [Fact]
    public void ARasterLargerThanTheWholeBudgetIsRefusedAtItsHeader()
    {
        var budget = new MemoryBudget(1L << 20);
        var e = Assert.Throws<ResourceLimitException>(() => new RasterAssembler(Header(1024, 1024), Limit, budget));
        Assert.Contains("4,194,304 bytes", e.Message);          // the request's size
        Assert.Contains("memory budget is 1,048,576 bytes", e.Message);
    }

    [Fact]
    public void DataPastWhatOtherStreamsLeaveOfTheBudgetIsRefusedNamingIt()
    {
        var budget = new MemoryBudget(3L << 20);
        using var first = new RasterAssembler(Header(512, 1024, name: "first"), Limit, budget);
        first.Add(Chunk(0, 0, 1024, new byte[512 * 1024 * 4]));  // 2 MiB held
        using var second = new RasterAssembler(Header(512, 1024, name: "second"), Limit, budget);
        second.Add(Chunk(0, 0, 256, new byte[512 * 256 * 4]));   // 0.5 MiB more fits
        var e = Assert.Throws<ResourceLimitException>(() => second.Add(Chunk(0, 256, 512, new byte[512 * 512 * 4])));
        Assert.Contains("raster 'second'", e.Message);
        Assert.Contains("2,097,152 bytes", e.Message);           // its size
        Assert.Contains("memory budget of 3,145,728 bytes", e.Message);
    }

    [Fact]
    public void DecodingMovesTheLeaseFromTheBytesToTheGrid()
    {
        var budget = new MemoryBudget(1L << 30);
        using var a = new RasterAssembler(Header(100, 10, RasterDataType.Uint8), Limit, budget);
        a.Add(Chunk(0, 0, 10, RandomBytes(1000, 4)));
        a.ToGrid(_ => CrsDescription.Unknown);
        Assert.Equal(100 * 10 * sizeof(float), budget.UsedBytes);
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
