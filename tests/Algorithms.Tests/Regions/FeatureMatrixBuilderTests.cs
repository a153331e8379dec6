using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Regions;

namespace GisBridge.Algorithms.Tests.Regions;

public class FeatureMatrixBuilderTests
{
    private static SampleTable Table()
    {
        var t = new SampleTable(5);
        t.SetNumeric("a", [1, 10, 100, double.NaN, 1000]);
        t.SetNumeric("b", [2, 2, 2, 2, 4]);
        t.SetNumeric("empty", [double.NaN, double.NaN, double.NaN, double.NaN, double.NaN]);
        t.SetNumeric(SampleTable.Longitude, [179, -179, 0, 90, 10]);
        t.SetNumeric(SampleTable.Latitude, [0, 0, 0, 0, 89]);
        return t;
    }

    [Fact]
    public void DropPolicyRemovesIncompleteRowsAndKeepsSourceIndex()
    {
        var m = FeatureMatrixBuilder.Build(Table(), new FeatureMatrixOptions { Features = ["a", "b"], RobustScale = false });
        Assert.Equal([0, 1, 2, 4], m.SourceRows);
        Assert.Equal(10, m.Rows[1][0]);
    }

    [Fact]
    public void MedianImputationFillsTheGapAfterTheLogTransform()
    {
        var m = FeatureMatrixBuilder.Build(Table(), new FeatureMatrixOptions
        {
            Features = ["a"], Transform = FeatureTransform.Log, Missing = MissingValuePolicy.ImputeMedian, RobustScale = false,
        });
        Assert.Equal(5, m.Rows.Length);
        Assert.Equal(0.5 * (Math.Log(10) + Math.Log(100)), m.Rows[3][0], 10);
    }

    [Fact]
    public void RobustScalingCentresOnTheMedian()
    {
        var m = FeatureMatrixBuilder.Build(Table(), new FeatureMatrixOptions { Features = ["a"], Transform = FeatureTransform.Log });
        var values = m.Rows.Select(r => r[0]).Order().ToArray();
        Assert.Equal(0, 0.5 * (values[1] + values[2]), 10);
    }

    [Fact]
    public void CentredLogRatioRowsSumToZero()
    {
        var m = FeatureMatrixBuilder.Build(Table(), new FeatureMatrixOptions
        {
            Features = ["a", "b"], Transform = FeatureTransform.CenteredLogRatio, RobustScale = false,
        });
        Assert.All(m.Rows, r => Assert.Equal(0, r.Sum(), 10));
    }

    [Fact]
    public void LocationFeaturesAreWeightedUnitVectorsWithoutSeamAtTheAntimeridian()
    {
        var m = FeatureMatrixBuilder.Build(Table(), new FeatureMatrixOptions { Features = ["b"], LocationWeight = 2, RobustScale = false });
        Assert.Equal(["b", "loc_x", "loc_y", "loc_z"], m.Names);
        var p179 = m.Rows[0][1..]; var pm179 = m.Rows[1][1..];
        double gap = Math.Sqrt(p179.Zip(pm179, (x, y) => (x - y) * (x - y)).Sum());
        Assert.InRange(gap, 0, 2 * 0.05); // 2 degrees apart on the sphere, times the weight
        Assert.Equal(2, Math.Sqrt(m.Rows[4][1..].Sum(v => v * v)), 10);
    }

    [Fact]
    public void AllMissingFeatureIsNamedInTheError()
    {
        var e = Assert.Throws<ArgumentException>(() => FeatureMatrixBuilder.Build(Table(), new FeatureMatrixOptions { Features = ["a", "empty"] }));
        Assert.Contains("'empty'", e.Message);
        var e2 = Assert.Throws<ArgumentException>(() => FeatureMatrixBuilder.Build(Table(), new FeatureMatrixOptions { Features = ["nope"] }));
        Assert.Contains("'nope'", e2.Message);
    }
}
