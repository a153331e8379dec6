using GisBridge.Algorithms.Lithology.Data;

namespace GisBridge.Algorithms.Tests.Lithology;

public class SpatialSplitterTests
{
    [Fact]
    public void TilesGoToTheBandHoldingThemAndStraddlersAreDropped()
    {
        // Grid 100 columns, test = columns >= 75, val = 60..75, train < 60; windows of 10 columns every 5.
        var tiles = Enumerable.Range(0, 19).Select(k => ($"t{k}", k * 5, k * 5 + 10)).ToList();
        var (split, dropped) = SpatialSplitter.Split(tiles, 100, 0.25, 0.15);
        Assert.Equal(Enumerable.Range(0, 11).Select(k => $"t{k}"), split.Train);      // columns 0..60
        Assert.Equal(["t12", "t13"], split.Val);                                        // 60..70 and 65..75
        Assert.Equal(Enumerable.Range(15, 4).Select(k => $"t{k}"), split.Test);        // 75..95 .. 90..100
        Assert.Equal(2, dropped);                                                      // t11 (55..65), t14 (70..80)
        // No training tile reaches a validation or test column.
        Assert.All(split.Train, n => Assert.True(tiles.Single(t => t.Item1 == n).Item3 <= 60));
    }

    [Fact]
    public void ImpossibleFractionsAreRefused()
    {
        var tiles = new List<(string, int, int)> { ("a", 0, 10) };
        Assert.Throws<ArgumentException>(() => SpatialSplitter.Split(tiles, 10, 0.8, 0.3));
        Assert.Contains("test tiles", Assert.Throws<ArgumentException>(() => SpatialSplitter.Split(tiles, 10, 0.2, 0.1)).Message);
    }
}
