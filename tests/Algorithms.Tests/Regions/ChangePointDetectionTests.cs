using GisBridge.Algorithms.Regions;
using Xunit.Abstractions;

namespace GisBridge.Algorithms.Tests.Regions;

public class ChangePointDetectionTests(ITestOutputHelper output)
{
    private static readonly ChangePointOptions Fast = new() { Permutations = 199, BootstrapReplicates = 200 };

    [Fact]
    public void PlantedChangeIsFoundWithAnIntervalAroundIt()
    {
        var r = new Random(11);
        var y = Enumerable.Range(0, 120).Select(i => (i < 70 ? 0.0 : 2.5) + SyntheticData.Gaussian(r)).ToArray();
        var x = Enumerable.Range(0, 120).Select(i => 100 + 0.5 * i).ToArray(); // positions, e.g. longitude
        var cps = ChangePointDetection.Detect(y, x, Fast);
        foreach (var c in cps) output.WriteLine($"index {c.Index} at {c.Position:F2} [{c.Lower:F2}, {c.Upper:F2}] p={c.PValue:F3} {c.MeanBefore:F2}->{c.MeanAfter:F2}");
        var main = Assert.Single(cps);
        Assert.InRange(main.Index, 67, 73);
        Assert.InRange(134.75, main.Lower, main.Upper); // true change between x=134.5 and 135
        Assert.True(main.PValue < 0.01);
        Assert.Equal(0, main.MeanBefore, 0.5);
        Assert.Equal(2.5, main.MeanAfter, 0.5);
    }

    [Fact]
    public void TwoPlantedChangesAreBothFound()
    {
        var r = new Random(12);
        var y = Enumerable.Range(0, 150).Select(i => (i < 50 ? 0.0 : i < 100 ? 4 : 1) + SyntheticData.Gaussian(r)).ToArray();
        var cps = ChangePointDetection.Detect(y, Enumerable.Range(0, 150).Select(i => (double)i).ToArray(), Fast);
        Assert.Equal(2, cps.Count);
        Assert.InRange(cps[0].Index, 47, 53);
        Assert.InRange(cps[1].Index, 97, 103);
    }

    [Fact]
    public void PureNoiseGivesNoChangePoint()
    {
        var r = new Random(13);
        var y = Enumerable.Range(0, 100).Select(_ => SyntheticData.Gaussian(r)).ToArray();
        Assert.Empty(ChangePointDetection.Detect(y, Enumerable.Range(0, 100).Select(i => (double)i).ToArray(), Fast));
    }

    [Fact]
    public void UnsortedPositionsAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => ChangePointDetection.Detect([1, 2, 3], [0, 2, 1], Fast));
        Assert.Contains("sorted", e.Message);
    }
}
