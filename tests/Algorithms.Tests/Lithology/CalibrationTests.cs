using GisBridge.Algorithms.Lithology.Training;

namespace GisBridge.Algorithms.Tests.Lithology;

public class CalibrationTests
{
    [Fact]
    public void ReliabilityBinsAndEceFollowTheDefinition()
    {
        // 60 pixels at confidence 0.95, all right; 40 at 0.55, 10 right. ECE = 0.6 * |1 - 0.95| + 0.4 * |0.25 - 0.55| = 0.15.
        var pixels = Enumerable.Repeat((0.95f, true), 60)
            .Concat(Enumerable.Range(0, 40).Select(i => (0.55f, i < 10)));
        var r = CalibrationReport.FromPixels(pixels);
        Assert.Equal(100, r.Pixels);
        Assert.Equal(0.15, r.ExpectedCalibrationError, 6);
        Assert.Equal(10, r.Bins.Count);
        Assert.Equal(60, r.Bins[9].Pixels);
        Assert.Equal(1.0, r.Bins[9].Accuracy!.Value, 9);
        Assert.Equal(0.25, r.Bins[5].Accuracy!.Value, 9);
        Assert.Equal(0.55, r.Bins[5].MeanConfidence!.Value, 6);
        Assert.Null(r.Bins[0].Accuracy);
    }

    [Fact]
    public void ConfidenceOfOneLandsInTheLastBinAndAPerfectModelHasZeroEce()
    {
        var r = CalibrationReport.FromPixels(Enumerable.Repeat((1f, true), 5));
        Assert.Equal(5, r.Bins[9].Pixels);
        Assert.Equal(0, r.ExpectedCalibrationError, 9);
        Assert.Throws<ArgumentException>(() => CalibrationReport.FromPixels([], 0));
    }
}
