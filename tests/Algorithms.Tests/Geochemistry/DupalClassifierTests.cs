using GisBridge.Algorithms.Geochemistry;

namespace GisBridge.Algorithms.Tests.Geochemistry;

public class DupalClassifierTests
{
    private static readonly AnomalyIndexOptions Defaults = new();

    [Theory]
    [InlineData(39.9, 0.0, "none")]
    [InlineData(40.0, 0.0, "none")]
    [InlineData(40.1, 1.0, "weak")]
    [InlineData(65, 1.0, "moderate")]
    [InlineData(80, 1.0, "strong")]
    [InlineData(-5, 0.0, "none")]
    public void DefaultThreshold40_AndClasses(double d84, double flag, string strength)
    {
        Assert.Equal(flag, DupalClassifier.Flag(d84, double.NaN, Defaults));
        Assert.Equal(strength, DupalClassifier.Strength(d84, Defaults));
    }

    [Fact]
    public void MissingD84_GivesNullNotZero()
    {
        Assert.True(double.IsNaN(DupalClassifier.Flag(double.NaN, 60, Defaults)));
        Assert.Null(DupalClassifier.Strength(double.NaN, Defaults));
    }

    [Fact]
    public void ConfigurableThresholds_IncludingDeltaSr()
    {
        var o = new AnomalyIndexOptions { DupalD84Threshold = 50, DupalDSrThreshold = 50, DupalModerateFrom = 70, DupalStrongFrom = 90 };
        Assert.Equal(0.0, DupalClassifier.Flag(45, 60, o));
        Assert.Equal(1.0, DupalClassifier.Flag(55, 60, o));
        Assert.Equal(0.0, DupalClassifier.Flag(55, 40, o));
        Assert.True(double.IsNaN(DupalClassifier.Flag(55, double.NaN, o)));
        Assert.Equal("weak", DupalClassifier.Strength(65, o));
    }

    [Fact]
    public void BadClassBounds_AreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new AnomalyIndexOptions { DupalModerateFrom = 30 }.Validate());
        Assert.Contains("dupal class bounds", e.Message);
    }
}
