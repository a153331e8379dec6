using GisBridge.Algorithms.Geochemistry;

namespace GisBridge.Algorithms.Tests.Geochemistry;

public class TraceElementRatiosTests
{
    [Fact]
    public void Ratio_DividesAndRefusesMissingOrZeroDenominators()
    {
        Assert.Equal(2.5, TraceElementRatios.Ratio(10, 4));
        Assert.True(double.IsNaN(TraceElementRatios.Ratio(10, 0)));
        Assert.True(double.IsNaN(TraceElementRatios.Ratio(double.NaN, 4)));
        Assert.True(double.IsNaN(TraceElementRatios.Ratio(10, double.NaN)));
    }

    [Fact]
    public void LaSmN_SunMcDonough1989() =>
        // (10 / 0.237) / (4 / 0.153) = 1.613924
        Assert.Equal(1.613924, TraceElementRatios.ChondriteNormalisedRatio(10, 4, 0.237, 0.153), 6);
}
