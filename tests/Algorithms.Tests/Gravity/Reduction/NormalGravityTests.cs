using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Gravity.Reduction;

namespace GisBridge.Algorithms.Tests.Gravity.Reduction;

/// <summary>Normal gravity and the Bouguer slab against published values and independent series.</summary>
public class NormalGravityTests
{
    // Moritz (1980), Geodetic Reference System 1980: γe, γp in m/s² (here mGal).
    [Theory]
    [InlineData(0.0, 978032.67715)]
    [InlineData(90.0, 983218.63685)]
    [InlineData(-90.0, 983218.63685)]
    public void Grs80OnTheEllipsoidMatchesMoritz1980(double latitude, double expected)
    {
        // The published values have 5 decimals in mGal (1e-8 m/s²).
        Assert.Equal(expected, NormalGravity.AtHeight(ReferenceEllipsoid.Grs80, latitude, 0), 1e-4);
        Assert.Equal(expected, NormalGravity.Somigliana(ReferenceEllipsoid.Grs80, latitude), 1e-4);
    }

    // NIMA TR8350.2 (WGS 84), table 3.4: γe = 9.7803253359, γp = 9.8321849378 m/s².
    [Theory]
    [InlineData(0.0, 978032.53359)]
    [InlineData(90.0, 983218.49378)]
    public void Wgs84OnTheEllipsoidMatchesTr8350(double latitude, double expected) =>
        Assert.Equal(expected, NormalGravity.AtHeight(ReferenceEllipsoid.Wgs84, latitude, 0), 1e-4);

    [Fact]
    public void Grs80At45DegreesMatchesTheInternationalGravityFormula1980()
    {
        // Moritz (1980) series: γ = γe (1 + 0.0052790414 sin²φ + 0.0000232718 sin⁴φ + 0.0000001262 sin⁶φ + 0.0000000007 sin⁸φ).
        foreach (double lat in new[] { 12.5, 30, 45, 61.25, 80 })
        {
            double s2 = Math.Pow(Math.Sin(lat * Math.PI / 180), 2);
            double series = 978032.67715 * (1 + 0.0052790414 * s2 + 0.0000232718 * s2 * s2 + 0.0000001262 * s2 * s2 * s2 + 0.0000000007 * s2 * s2 * s2 * s2);
            // The series' last coefficient is rounded to 1e-10: ~1e-4 mGal.
            Assert.Equal(series, NormalGravity.AtHeight(ReferenceEllipsoid.Grs80, lat, 0), 1e-3);
        }
    }

    [Theory]
    [InlineData(0.0, 1000.0)]
    [InlineData(35.0, 10000.0)]
    [InlineData(-70.0, 10000.0)]
    [InlineData(52.0, 3000.0)]
    public void AtHeightMatchesTheSecondOrderSeriesOfTr8350(double latitude, double height)
    {
        // TR8350.2 eq. 4-3: γh = γ [1 - 2/a (1 + f + m - 2 f sin²φ) h + 3 h²/a²], m = ω²a²b/GM. Neglected terms are
        // O(f² h/a) and O(f h²/a²) of γ: a few hundredths of a mGal at 10 km, so 0.1 mGal bounds them.
        var e = ReferenceEllipsoid.Wgs84;
        double a = e.SemiMajorAxis, f = e.Flattening, b = e.SemiMinorAxis;
        double m = e.AngularVelocity * e.AngularVelocity * a * a * b / e.GeocentricGravitationalConstant;
        double s2 = Math.Pow(Math.Sin(latitude * Math.PI / 180), 2);
        double g0 = NormalGravity.Somigliana(e, latitude);
        double series = g0 * (1 - 2 / a * (1 + f + m - 2 * f * s2) * height + 3 * height * height / (a * a));
        Assert.InRange(NormalGravity.AtHeight(e, latitude, height) - series, -0.1, 0.1);
        Assert.Equal(g0 - 0.3086 * height, NormalGravity.FreeAir(e, latitude, height), 1e-6);
    }

    [Fact]
    public void BouguerSlabIsTheTextbookConstant()
    {
        // 2πGρ = 0.04193 ρ[g/cm³] mGal/m (Blakely 1995; the 4th digit is rounded: ±0.013 mGal over 1000 m of 2.67 g/cm³).
        Assert.Equal(0.04193 * 2.67 * 1000, BouguerPlate.Correction(1000, 2670, 1030), 0.02);
        // 4000 m of water where the reference has crust: 2πG(1.03 - 2.67 g/cm³)·4000 m = -275.0 mGal, so the
        // Bouguer anomaly at sea is the disturbance plus 275 mGal (oceanic Bouguer anomalies are high).
        Assert.Equal(0.04193 * (1.03 - 2.67) * 4000, BouguerPlate.Correction(-4000, 2670, 1030), 0.05);
    }

    [Fact]
    public void DisturbanceRefusesAnAnomalyGridAndBouguerRefusesAnotherGrid()
    {
        var t = new GeoTransform(10, 1, 0, 50, 0, -1);
        var anomaly = new RasterGrid(3, 2, t, [new float[] { 10, -5, 3, 2, 1, 0 }]) { CrsKind = CrsKind.Geographic };
        var e1 = Assert.Throws<ArgumentException>(() =>
            GravityReduction.Disturbance(anomaly, 0, ReferenceEllipsoid.Wgs84, new ObservationHeight(0), HeightReduction.Exact, []));
        Assert.Contains("not absolute gravity", e1.Message);
        var other = new RasterGrid(3, 2, new GeoTransform(11, 1, 0, 50, 0, -1), [new float[6]]);
        var e2 = Assert.Throws<ArgumentException>(() => GravityReduction.Bouguer(anomaly, 0, other, 2670, 1030));
        Assert.Contains("not on the input's grid", e2.Message);
        var projected = new RasterGrid(3, 2, t, [new float[6]]) { CrsKind = CrsKind.Projected };
        Assert.Contains("projected", Assert.Throws<ArgumentException>(() => GridLatitudes.Of(projected, [])).Message);
    }

    [Fact]
    public void DisturbanceOfNormalGravityIsZeroAndNanStaysNan()
    {
        var t = new GeoTransform(20, 0.5, 0, -30, 0, -0.5);
        var grid = new RasterGrid(4, 3, t, [new float[12]]) { CrsKind = CrsKind.Geographic };
        var gamma = GravityReduction.NormalGravityGrid(grid, ReferenceEllipsoid.Grs80, new ObservationHeight(2000), HeightReduction.Exact, []);
        var observed = (float[])gamma.Bands[0].Clone();
        observed[5] = float.NaN;
        var g = new RasterGrid(4, 3, t, [observed]) { CrsKind = CrsKind.Geographic };
        var d = GravityReduction.Disturbance(g, 0, ReferenceEllipsoid.Grs80, new ObservationHeight(2000), HeightReduction.Exact, []).Bands[0];
        Assert.True(float.IsNaN(d[5]));
        Assert.All(d.Where((_, i) => i != 5), v => Assert.InRange(v, -0.07, 0.07)); // float32 rounding of ~980,000
        // Row 1's centre latitude is -30.75°.
        Assert.Equal(NormalGravity.AtHeight(ReferenceEllipsoid.Grs80, -30.75, 2000), gamma.Bands[0][4], 0);
    }
}
