using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Regions;
using Xunit.Abstractions;

namespace GisBridge.Algorithms.Tests.Regions;

public class ClusteringTests(ITestOutputHelper output)
{
    private static readonly double[][] ThreeCentres = [[0, 0, 0], [8, 0, 0], [0, 8, 4]];

    [Fact]
    public void KMeansChoosesThreeAndRecoversPlantedBlobs()
    {
        var (table, truth) = SyntheticData.Blobs(ThreeCentres, 60, seed: 1);
        var m = FeatureMatrixBuilder.Build(table, new FeatureMatrixOptions { Features = ["a", "b", "c"] });
        var r = KMeansClustering.Cluster(m, new KMeansOptions { KMin = 2, KMax = 6, Restarts = 3 });
        foreach (var p in r.Curve) output.WriteLine($"k={p.K} silhouette={p.Silhouette:F3} CH={p.CalinskiHarabasz:F1} inertia={p.Inertia:F1}");
        Assert.Equal(3, r.ClusterCount);
        Assert.Equal(5, r.Curve.Count);
        Assert.True(SyntheticData.Purity(r.Labels, truth) > 0.98);
        Assert.All(r.Membership, v => Assert.InRange(v, 0, 1));
        Assert.True(r.Silhouette > 0.5);
    }

    [Fact]
    public void CalinskiHarabaszCriterionAlsoChoosesThree()
    {
        var (table, _) = SyntheticData.Blobs(ThreeCentres, 50, seed: 2);
        var m = FeatureMatrixBuilder.Build(table, new FeatureMatrixOptions { Features = ["a", "b", "c"] });
        var r = KMeansClustering.Cluster(m, new KMeansOptions { KMin = 2, KMax = 5, Restarts = 2, Criterion = ClusterCriterion.CalinskiHarabasz });
        Assert.Equal(3, r.ClusterCount);
    }

    [Fact]
    public void GaussianMixtureSeparatesATightGroupFromAWideOne()
    {
        // A tight group beside a wide one: k-means puts its boundary midway and gives the tight group many wide
        // points; a full-covariance mixture models the two spreads.
        var r = new Random(3);
        int n = 450;
        var a = new double[n]; var b = new double[n]; var truth = new int[n];
        for (int i = 0; i < n; i++)
        {
            truth[i] = i < 150 ? 0 : 1;
            double sd = truth[i] == 0 ? 0.3 : 2.5;
            a[i] = truth[i] * 4 + sd * SyntheticData.Gaussian(r);
            b[i] = sd * SyntheticData.Gaussian(r);
        }
        var t = new SampleTable(n);
        t.SetNumeric("a", a); t.SetNumeric("b", b);
        var m = FeatureMatrixBuilder.Build(t, new FeatureMatrixOptions { Features = ["a", "b"], RobustScale = false });
        var gmm = GaussianMixture.Cluster(m, new GaussianMixtureOptions { K = 2 });
        var km = KMeansClustering.Cluster(m, new KMeansOptions { K = 2, Restarts = 3 });
        double gmmPurity = SyntheticData.Purity(gmm.Labels, truth), kmPurity = SyntheticData.Purity(km.Labels, truth);
        output.WriteLine($"purity: mixture {gmmPurity:F3}, k-means {kmPurity:F3}");
        Assert.True(gmmPurity > 0.95);
        Assert.True(gmmPurity > kmPurity + 0.03);
        Assert.All(gmm.Membership, v => Assert.InRange(v, 0.5 - 1e-9, 1));
    }

    [Fact]
    public void GaussianMixtureBicChoosesThree()
    {
        var (table, truth) = SyntheticData.Blobs(ThreeCentres, 60, seed: 4);
        var m = FeatureMatrixBuilder.Build(table, new FeatureMatrixOptions { Features = ["a", "b", "c"], RobustScale = false });
        var r = GaussianMixture.Cluster(m, new GaussianMixtureOptions { KMin = 2, KMax = 5 });
        foreach (var p in r.Curve) output.WriteLine($"k={p.K} BIC={p.Bic:F1}");
        Assert.Equal(3, r.ClusterCount);
        Assert.True(SyntheticData.Purity(r.Labels, truth) > 0.98);
    }

    [Fact]
    public void DbscanFindsTwoDenseGroupsAndMarksOutliersAsNoise()
    {
        var (table, truth) = SyntheticData.Blobs([[0, 0], [10, 10]], 80, seed: 5, sd: 0.5);
        var a = table.Numeric("a"); var b = table.Numeric("b");
        a[0] = 5; b[0] = -5; // an isolated point
        var m = FeatureMatrixBuilder.Build(table, new FeatureMatrixOptions { Features = ["a", "b"], RobustScale = false });
        var r = Dbscan.Cluster(m, new DbscanOptions { Eps = 1.0, MinPoints = 5 });
        Assert.Equal(2, r.ClusterCount);
        Assert.Equal(-1, r.Labels[0]);
        Assert.Equal(0.0, r.Membership[0]);
        var labelled = Enumerable.Range(1, truth.Length - 1).Where(i => r.Labels[i] >= 0).ToArray();
        Assert.True(labelled.Length > 150);
        Assert.Equal(1.0, SyntheticData.Purity(labelled.Select(i => r.Labels[i]).ToArray(), labelled.Select(i => truth[i]).ToArray()));
    }

    [Fact]
    public void TooFewSamplesForKIsRefusedClearly()
    {
        var (table, _) = SyntheticData.Blobs([[0, 0]], 4, seed: 6);
        var m = FeatureMatrixBuilder.Build(table, new FeatureMatrixOptions { Features = ["a", "b"] });
        var e = Assert.Throws<ArgumentException>(() => KMeansClustering.Cluster(m, new KMeansOptions { K = 5 }));
        Assert.Contains("too few samples for k = 5", e.Message);
        Assert.Throws<ArgumentException>(() => GaussianMixture.Cluster(m, new GaussianMixtureOptions { K = 4 }));
    }

    [Fact]
    public void CentroidsAreInOriginalUnits()
    {
        var (table, _) = SyntheticData.Blobs([[1, 100], [50, 300]], 40, seed: 7, sd: 0.1);
        var m = FeatureMatrixBuilder.Build(table, new FeatureMatrixOptions { Features = ["a", "b"], Transform = FeatureTransform.Log });
        var r = KMeansClustering.Cluster(m, new KMeansOptions { K = 2, Restarts = 2 });
        var centroids = ClusterSummary.Summarise(table, m, r).OrderBy(c => c.Median["a"]).ToArray();
        Assert.Equal(2, centroids.Length);
        Assert.Equal(1, centroids[0].Median["a"], 0.2);
        Assert.Equal(100, centroids[0].Median["b"], 0.2);
        Assert.Equal(50, centroids[1].Mean["a"], 0.2);
        Assert.Equal(40, centroids[1].Count);
    }

    [Fact]
    public void RealGaleIndianOceanClustersHavePositiveSilhouette()
    {
        var t = GaleTestData.Table;
        var m = FeatureMatrixBuilder.Build(t, new FeatureMatrixOptions
        {
            Features = ["delta_8_4", "delta_7_4", "delta_sr", "eps_nd", "la_sm"],
        });
        var r = KMeansClustering.Cluster(m, new KMeansOptions { KMin = 2, KMax = 5, Restarts = 3 });
        output.WriteLine($"{m.Rows.Length} Gale 2013 samples with all 5 features; chosen k = {r.ClusterCount}");
        foreach (var p in r.Curve) output.WriteLine($"k={p.K} silhouette={p.Silhouette:F3} CH={p.CalinskiHarabasz:F1}");
        Assert.True(m.Rows.Length > 500);
        Assert.True(r.Silhouette > 0.2);
    }
}
