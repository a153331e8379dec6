using GisBridge.Algorithms.Geochemistry;

namespace GisBridge.Algorithms.Tests.Geochemistry;

/// <summary>Hand-computed: 206/204 = 18.5, 207/204 = 15.55, 208/204 = 38.5, 87/86 = 0.7035, 143/144 = 0.5131.</summary>
public class IsotopeIndicesTests
{
    [Fact]
    public void Delta74_Hart1984() =>
        Assert.Equal(5.36, IsotopeIndices.Delta74(18.5, 15.55), 9); // (15.55 - 2.0054 - 13.491) x 100

    [Fact]
    public void Delta84_Hart1984() =>
        Assert.Equal(50.65, IsotopeIndices.Delta84(18.5, 38.5), 9); // (38.5 - 22.3665 - 15.627) x 100

    [Fact]
    public void DeltaSr_Hart1984() => Assert.Equal(35.0, IsotopeIndices.DeltaSr(0.7035), 9);

    [Fact]
    public void EpsilonNd_AgainstChur0512638()
    {
        Assert.Equal(9.0122074, IsotopeIndices.EpsilonNd(0.5131, 0.512638), 6); // (0.5131 / 0.512638 - 1) x 1e4
        Assert.Equal(0, IsotopeIndices.EpsilonNd(0.512638, 0.512638), 12);
    }

    [Fact]
    public void OnTheReferenceLine_DeltasAreZero()
    {
        Assert.Equal(0, IsotopeIndices.Delta74(18, 0.1084 * 18 + 13.491), 9);
        Assert.Equal(0, IsotopeIndices.Delta84(18, 1.209 * 18 + 15.627), 9);
    }
}
