using GisBridge.Algorithms.Common;
using GisBridge.Protocol.V1;
using GisBridge.Server.Streaming;

namespace GisBridge.Server.Tests.Streaming;

public class RasterChunkerTests
{
    [Fact]
    public void ChunksStayUnderOneMegabyteAndReassembleToTheSameGrid()
    {
        int w = 3000, h = 700;
        var cells = new float[w * h];
        var rnd = new Random(3);
        for (int i = 0; i < cells.Length; i++) cells[i] = i % 97 == 0 ? float.NaN : (float)rnd.NextDouble();
        var grid = new RasterGrid(w, h, new GeoTransform(10, 2, 0, 50, 0, -2), [cells]) { CrsWkt = "LOCAL_CS[\"x\"]", NoData = -1 };
        var items = RasterChunker.Encode("regional", grid, RasterDataType.Float32).ToList();
        Assert.All(items.Skip(1), d => Assert.True(d.RasterChunk.Data.Length <= RasterChunker.MaxChunkBytes));
        var a = new RasterAssembler(items[0].RasterHeader, long.MaxValue);
        foreach (var d in items.Skip(1)) a.Add(d.RasterChunk);
        var back = a.ToGrid(_ => CrsDescription.Unknown);
        Assert.Equal("regional", items[0].RasterHeader.Name);
        Assert.Equal(grid.Transform, back.Transform);
        Assert.Equal(grid.CrsWkt, back.CrsWkt);
        Assert.Equal(cells, back.Bands[0]);
    }

    [Fact]
    public void IntegerOutputsGetADefaultNodataForNaNCells()
    {
        var grid = new RasterGrid(2, 1, new GeoTransform(0, 1, 0, 0, 0, -1), [[float.NaN, 3]]);
        var items = RasterChunker.Encode("lithology", grid, RasterDataType.Uint8).ToList();
        Assert.True(items[0].RasterHeader.HasNodata);
        Assert.Equal(255, items[0].RasterHeader.Nodata);
        Assert.Equal(new byte[] { 255, 3 }, items[1].RasterChunk.Data.ToByteArray());
    }
}
