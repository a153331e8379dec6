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

    [Fact]
    public void SampledSilhouetteOfManyCopiesApproachesTheClosedForm()
    {
        // 3,000 copies of each of the four points: within a cluster the mean distance tends to 0.5, to the other
        // cluster 10.5 (from 0) and 9.5 (from 1), so the silhouette tends to (10/10.5 + 9/9.5) / 2; a 2,000-row
        // subsample estimates it within sampling error.
        var points = Enumerable.Range(0, 12_000).Select(i => Points[i % 4]).ToArray();
        var labels = Enumerable.Range(0, 12_000).Select(i => Labels[i % 4]).ToArray();
        double expected = (10.0 / 10.5 + 9.0 / 9.5) / 2;
        double sampled = ClusterQuality.SampledSilhouette(points, labels, 2_000, 7);
        Assert.Equal(expected, sampled, 0.01);
        Assert.Equal(sampled, ClusterQuality.SampledSilhouette(points, labels, 2_000, 7));
    }
}
