using GisBridge.Algorithms.Regions;

namespace GisBridge.Algorithms.Tests.Regions;

public class ClusterQualityTests
{
    private static readonly double[][] Points = [[0], [1], [10], [11]];
    private static readonly int[] Labels = [0, 0, 1, 1];

    [Fact]
    public void SilhouetteMatchesHandComputation()
    {
        double expected = (9.5 / 10.5 + 8.5 / 9.5) / 2;
        Assert.Equal(expected, ClusterQuality.Silhouette(Points, Labels), 12);
    }

    [Fact]
    public void CalinskiHarabaszMatchesHandComputation()
        // between = 2*25 + 2*25 = 100 over k-1 = 1; within = 4 * 0.25 = 1 over n-k = 2.
        => Assert.Equal(200, ClusterQuality.CalinskiHarabasz(Points, Labels), 10);

    [Fact]
    public void SingleClusterIsRefused()
        => Assert.Throws<ArgumentException>(() => ClusterQuality.Silhouette(Points, [0, 0, 0, 0]));
}
