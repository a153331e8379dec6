using GisBridge.Algorithms.Geochemistry;
using GisBridge.Algorithms.Isotopes;

namespace GisBridge.Algorithms.Tests.Isotopes;

public sealed class PbReferenceLinesTests
{
    [Theory]
    [InlineData(17.5)]
    [InlineData(18.4)]
    [InlineData(19.8)]
    public void TheNhrlIsWhereTheDupalDeltasAreZero(double pb206)
    {
        // Hart's (1984) deltas are the vertical distances (x100) from the NHRL: zero on it, 100 per unit above it.
        Assert.Equal(0, IsotopeIndices.Delta74(pb206, PbReferenceLines.Nhrl207(pb206)), 1e-9);
        Assert.Equal(0, IsotopeIndices.Delta84(pb206, PbReferenceLines.Nhrl208(pb206)), 1e-9);
        Assert.Equal(100, IsotopeIndices.Delta74(pb206, PbReferenceLines.Nhrl207(pb206) + 1), 1e-9);
        Assert.Equal(100, IsotopeIndices.Delta84(pb206, PbReferenceLines.Nhrl208(pb206) + 1), 1e-9);
    }

    [Fact]
    public void TheGeochronHasTheSlopeOfA455GaPbPbAge()
    {
        // The 207Pb*/206Pb* ratio of a 4.55 Ga system is about 0.62 (Patterson 1956 obtained 4.55 Ga from this slope).
        Assert.InRange(PbReferenceLines.GeochronSlope(4.55e9), 0.60, 0.63);
        Assert.Equal(PbReferenceLines.PrimordialPb207Pb204, PbReferenceLines.Geochron207(PbReferenceLines.PrimordialPb206Pb204), 12);
        // Modern MORB plot to the right of the geochron (the "first Pb paradox").
        Assert.True(PbReferenceLines.Geochron207(18.4) > 15.5);
    }
}
