using GisBridge.Algorithms.Lithology.Training;

namespace GisBridge.Algorithms.Tests.Lithology;

public class SegmentationMetricsTests
{
    [Fact]
    public void ScoresOfAHandMadeConfusionMatrix()
    {
        // truth \ predicted:   0   1   2
        //              0      50  10   0
        //              1       5  20   5
        //              2       0   0  10
        var cm = new ConfusionMatrix(3);
        cm.Add(0, 0, 50); cm.Add(0, 1, 10);
        cm.Add(1, 0, 5); cm.Add(1, 1, 20); cm.Add(1, 2, 5);
        cm.Add(2, 2, 10);
        var s = cm.Scores();
        Assert.Equal(80.0 / 100, s.PixelAccuracy, 12);
        Assert.Equal((50.0 / 60 + 20.0 / 30 + 1.0) / 3, s.MeanPixelAccuracy, 12);
        double iou0 = 50.0 / (60 + 55 - 50), iou1 = 20.0 / (30 + 30 - 20), iou2 = 10.0 / (10 + 15 - 10);
        Assert.Equal(new[] { iou0, iou1, iou2 }, s.ClassIoU.Select(v => Math.Round(v, 12)), new ToleranceComparer());
        Assert.Equal((iou0 + iou1 + iou2) / 3, s.MeanIoU, 12);
        Assert.Equal(0.6 * iou0 + 0.3 * iou1 + 0.1 * iou2, s.FrequencyWeightedIoU, 12);
    }

    [Fact]
    public void IgnoreLabelAndAbsentClasses()
    {
        var cm = new ConfusionMatrix(3);
        cm.Add(new byte[] { 0, 0, 1, 255, 1 }, new byte[] { 0, 1, 1, 2, 255 });
        Assert.Equal(1, cm.Unpredicted);
        var s = cm.Scores();
        Assert.True(double.IsNaN(s.ClassAccuracy[2])); // class 2 never in the truth
        Assert.True(double.IsNaN(s.ClassIoU[2]));
        Assert.Equal((0.5 + 1.0) / 2, s.MeanPixelAccuracy, 12);
        Assert.Throws<ArgumentException>(() => cm.Add(new byte[] { 3 }, new byte[] { 0 }));
    }

    private sealed class ToleranceComparer : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) < 1e-9;
        public int GetHashCode(double v) => 0;
    }
}
