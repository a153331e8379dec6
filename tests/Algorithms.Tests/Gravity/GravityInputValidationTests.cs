using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Gravity;

namespace GisBridge.Algorithms.Tests.Gravity;

/// <summary>Every bad input is refused with an ArgumentException that names the problem.</summary>
public class GravityInputValidationTests
{
    private static readonly UpwardContinuationOptions TenKm = new() { Heights = [10_000] };

    private static RasterGrid Grid(int w = 16, int h = 16, GeoTransform? gt = null, CrsKind crs = CrsKind.Projected, float fill = 1f)
    {
        var v = Enumerable.Range(0, w * h).Select(i => fill + i % 7).ToArray();
        return new RasterGrid(w, h, gt ?? new GeoTransform(0, 1000, 0, 16_000, 0, -1000), [v]) { CrsKind = crs };
    }

    private static string Refused(RasterGrid grid, UpwardContinuationOptions? o = null) =>
        Assert.Throws<ArgumentException>(() => UpwardContinuation.Run(grid, o ?? TenKm)).Message;

    [Fact]
    public void AllNaNGridIsRefused() =>
        Assert.Contains("no valid cell", Refused(Grid(fill: float.NaN)));

    [Fact]
    public void OneCellGridIsRefusedAsTooSmall() =>
        Assert.Contains("too small", Refused(Grid(1, 1)));

    [Fact]
    public void RotatedGeotransformIsRefused() =>
        Assert.Contains("rotated", Refused(Grid(gt: new GeoTransform(0, 1000, 5, 16_000, 5, -1000))));

    [Fact]
    public void DegreeLookingGridWithoutCrsIsRefusedAskingForACrs()
    {
        var msg = Refused(Grid(gt: new GeoTransform(30, 0.05, 0, -40, 0, -0.05), crs: CrsKind.Unknown));
        Assert.Contains("look like degrees", msg);
        Assert.Contains("assign a CRS", msg);
    }

    [Fact]
    public void MetricGridWithoutCrsRunsWithAWarning()
    {
        var result = UpwardContinuation.Run(Grid(crs: CrsKind.Unknown), TenKm);
        Assert.Contains(result.Warnings, w => w.Contains("no CRS"));
    }

    [Theory]
    [InlineData(0.0, -1000.0)]
    [InlineData(1000.0, 0.0)]
    [InlineData(double.NaN, -1000.0)]
    [InlineData(1000.0, double.PositiveInfinity)]
    public void NonFiniteOrZeroPixelSizeIsRefused(double width, double height) =>
        Assert.Contains("pixel size", Refused(Grid(gt: new GeoTransform(0, width, 0, 16_000, 0, height))));

    [Fact]
    public void InfiniteValueIsRefusedWithItsPosition()
    {
        var g = Grid();
        g.Bands[0][3 * 16 + 5] = float.PositiveInfinity;
        Assert.Contains("row 3, column 5", Refused(g));
    }

    [Fact]
    public void MissingBandIsRefused() =>
        Assert.Contains("band 2", Refused(Grid(), TenKm with { Band = 2 }));

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    public void ZeroOrNaNHeightIsRefused(double h) =>
        Assert.Contains("Heights", Refused(Grid(), new UpwardContinuationOptions { Heights = [h] }));

    [Fact]
    public void NoHeightIsRefused() =>
        Assert.Contains("at least one", Refused(Grid(), new UpwardContinuationOptions()));

    [Fact]
    public void BadPadFractionIsRefused() =>
        Assert.Contains("PadFraction", Refused(Grid(), TenKm with { Fft = new FftOptions { PadFraction = -0.1 } }));

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void BadPredictorOrderIsRefused(int order) =>
        Assert.Contains("PredictorOrder", Refused(Grid(), TenKm with { Fft = new FftOptions { PredictorOrder = order } }));

    [Fact]
    public void GeographicLatitudeBeyondThePoleIsRefused() =>
        Assert.Contains("outside -90..90", Refused(Grid(gt: new GeoTransform(0, 1, 0, 95, 0, -1), crs: CrsKind.Geographic)));

    [Fact]
    public void DerivativesRefuseTheSameBadInput()
    {
        var e = Assert.Throws<ArgumentException>(() => PotentialFieldDerivatives.Compute(Grid(1, 1), DerivativeKind.Tilt));
        Assert.Contains("too small", e.Message);
        var k = Assert.Throws<ArgumentException>(() => PotentialFieldDerivatives.Compute(Grid(), (DerivativeKind)9));
        Assert.Contains("derivative kind", k.Message);
    }
}
