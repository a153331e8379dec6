using GisBridge.Algorithms.Lithology.Data;
using Xunit.Abstractions;

namespace GisBridge.Algorithms.Tests.Lithology;

public sealed class DatasetSplitterTests(ITestOutputHelper log)
{
    private static List<(string, double)> Tiles(int n, Func<int, double> outcrop) =>
        Enumerable.Range(0, n).Select(i => ($"t{i:D3}", outcrop(i))).ToList();

    [Fact]
    public void LowOutcropTilesAreTestAndFifteenPercentOfTheRestValidation()
    {
        var tiles = Tiles(100, i => i < 20 ? 0.05 : 0.5);
        var split = DatasetSplitter.Split(tiles, new DatasetSplitOptions { Seed = 3 });
        log.WriteLine($"train {split.Train.Count}, val {split.Val.Count}, test {split.Test.Count}; val {string.Join(",", split.Val)}");
        Assert.Equal(20, split.Test.Count);
        Assert.All(split.Test, n => Assert.True(int.Parse(n[1..]) < 20));
        Assert.Equal(12, split.Val.Count);   // round(80 x 0.15)
        Assert.Equal(68, split.Train.Count);
        Assert.Empty(split.Train.Intersect(split.Val));
        Assert.Equal(split.Val, DatasetSplitter.Split(tiles, new DatasetSplitOptions { Seed = 3 }).Val);   // seeded
        Assert.NotEqual(split.Val, DatasetSplitter.Split(tiles, new DatasetSplitOptions { Seed = 4 }).Val);
    }

    [Fact]
    public void ThresholdIsStrictAndSmallSetsStillGetOneValidationTile()
    {
        var split = DatasetSplitter.Split(Tiles(3, i => i * 0.05 + 0.0), new DatasetSplitOptions { Seed = 1 });
        Assert.Equal(["t000", "t001"], split.Test);   // 0 and 5 % < 10 %; t002 has exactly 10 %
        Assert.Equal(["t002"], split.Train);
        var few = DatasetSplitter.Split(Tiles(4, _ => 1), new DatasetSplitOptions());
        Assert.Single(few.Val);
        Assert.Contains("nothing to train on", Assert.Throws<ArgumentException>(() => DatasetSplitter.Split(Tiles(5, _ => 0.01))).Message);
    }

    [Fact]
    public void ClassFrequenciesCountLabelledCellsOnly()
    {
        var counts = DatasetSplitter.ClassCounts([[0, 0, 1, 255], [2, 0, 255, 255]], 3);
        Assert.Equal([3L, 1L, 1L], counts);
        Assert.Equal([0.6, 0.2, 0.2], DatasetSplitter.Frequencies(counts));
        Assert.Equal([0.0, 0.0], DatasetSplitter.Frequencies([0, 0]));
    }
}
