using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Gravity;
using Xunit.Abstractions;

namespace GisBridge.Algorithms.Tests.Gravity;

/// <summary>
/// Each band-pass against its transfer function written out here (GMT grdfft -F's definitions): the gain on plane
/// waves of known wavelength. On a 240 x 200 km grid of 1 km cells without padding the waves are periodic, so the
/// gain is exact up to float32 rounding: held within 0.002. On a lon/lat band round the globe (periodic in
/// longitude) each row's wave has its own wavelength in km, and the latitude-node metric must give each row the
/// gain for that wavelength: held within 0.003 (the polynomial blending of 4 nodes across 50-60 N; 0.0008 measured at worst, cosine).
/// </summary>
public class BandPassTransferTests(ITestOutputHelper output)
{
    private static double Gaussian(double lambdaC, double lambda) => Math.Exp(-Math.Log(2) * Math.Pow(lambdaC / lambda, 2));
    private static double Butterworth(double lambdaC, double lambda, double n) => 1 / Math.Sqrt(1 + Math.Pow(lambdaC / lambda, 2 * n));

    private static double Cosine(double lambdaC, double lambda, double w)
    {
        double k = 1 / lambda, kc = 1 / lambdaC, lo = kc * (1 - w / 2), hi = kc * (1 + w / 2);
        return k <= lo ? 1 : k >= hi ? 0 : 0.5 * (1 + Math.Cos(Math.PI * (k - lo) / (hi - lo)));
    }

    private static double LowPass(BandPassOptions o, double lambdaC, double lambda) => o.Shape switch
    {
        BandPassShape.Gaussian => Gaussian(lambdaC, lambda),
        BandPassShape.Butterworth => Butterworth(lambdaC, lambda, o.Order),
        _ => Cosine(lambdaC, lambda, o.Rolloff),
    };

    /// <summary>Low-pass L(short) minus L(long); 1 - L(long) for a high-pass.</summary>
    private static double Expected(BandPassOptions o, double lambdaKm)
    {
        double pass = o.ShortCutoffKm > 0 ? LowPass(o, o.ShortCutoffKm, lambdaKm) : 1;
        return o.LongCutoffKm > 0 ? pass - LowPass(o, o.LongCutoffKm, lambdaKm) : pass;
    }

    public static TheoryData<BandPassShape, double, double> Filters() => new()
    {
        { BandPassShape.Gaussian, 0, 30 }, { BandPassShape.Gaussian, 40, 0 }, { BandPassShape.Gaussian, 60, 20 },
        { BandPassShape.Butterworth, 0, 30 }, { BandPassShape.Butterworth, 40, 0 }, { BandPassShape.Butterworth, 60, 20 },
        { BandPassShape.Cosine, 0, 30 }, { BandPassShape.Cosine, 40, 0 }, { BandPassShape.Cosine, 80, 20 },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public void GainOnPlaneWavesIsTheTransferFunction(BandPassShape shape, double longKm, double shortKm)
    {
        var options = new BandPassOptions
        {
            Shape = shape, LongCutoffKm = longKm, ShortCutoffKm = shortKm, Order = 3, Rolloff = 0.8, Fft = SinusoidGrid.Periodic,
        };
        // Wavelengths 240 / m km along x, and a diagonal wave (m, p) whose wavelength mixes both axes.
        foreach (var (m, p) in new[] { (2, 0), (4, 0), (6, 0), (8, 0), (10, 0), (12, 0), (16, 0), (24, 0), (6, 5) })
        {
            var input = SinusoidGrid.Wave(240, 200, 1000, m, p);
            var result = BandPass.Run(input, options);
            double lambdaKm = 1 / Math.Sqrt(Math.Pow(m / 240.0, 2) + Math.Pow(p / 200.0, 2));
            double gain = SinusoidGrid.Gain(input.Bands[0], result.Output.Bands[0]), expected = Expected(options, lambdaKm);
            output.WriteLine($"{shape} {longKm}/{shortKm} km, wavelength {lambdaKm:F2} km: gain {gain:F5}, transfer function {expected:F5}");
            Assert.True(Math.Abs(gain - expected) <= 0.002, $"{shape} {longKm}/{shortKm} km at {lambdaKm:F2} km: gain {gain:F5}, expected {expected:F5}");
        }
    }

    [Theory]
    [InlineData(BandPassShape.Gaussian)]
    [InlineData(BandPassShape.Butterworth)]
    [InlineData(BandPassShape.Cosine)]
    public void OnALonLatGridEachRowGetsTheGainForItsOwnWavelengthInKm(BandPassShape shape)
    {
        // 360 x 10 degrees at 0.25 x 0.1 degrees, 50-60 N: cos(m lon) is periodic in longitude, its wavelength
        // 2 pi N(phi) cos(phi) / m shrinks northwards by 22 %.
        const int m = 90, width = 1440, height = 100;
        var gt = new GeoTransform(0, 0.25, 0, 60, 0, -0.1);
        var v = new float[width * height];
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++)
                v[r * width + c] = (float)Math.Cos(m * gt.CenterX(c) * Math.PI / 180);
        var input = new RasterGrid(width, height, gt, [v]) { CrsKind = CrsKind.Geographic };
        // Constant along each column: edge padding without a taper keeps it so.
        var options = new BandPassOptions
        {
            Shape = shape, ShortCutoffKm = 250, Order = 3, Rolloff = 0.8,
            Fft = new FftOptions { Detrend = DetrendMode.None, Padding = PaddingMode.Edge, Taper = TaperMode.None },
        };
        var result = BandPass.Run(input, options);
        double worst = 0;
        for (int r = 0; r < height; r++)
        {
            double phi = gt.CenterY(r) * Math.PI / 180, sin = Math.Sin(phi);
            double e2 = input.InverseFlattening is var f and > 0 ? (2 - 1 / f) / f : 0;
            double n = input.SemiMajorAxis / Math.Sqrt(1 - e2 * sin * sin);
            double lambdaKm = 2 * Math.PI * n * Math.Cos(phi) / m / 1000;
            double gain = SinusoidGrid.Gain(v.AsSpan(r * width, width).ToArray(), result.Output.Bands[0].AsSpan(r * width, width).ToArray());
            double expected = LowPass(options, 250, lambdaKm);
            worst = Math.Max(worst, Math.Abs(gain - expected));
            if (r % 33 == 0) output.WriteLine($"{gt.CenterY(r):F2} N: wavelength {lambdaKm:F1} km, gain {gain:F4}, transfer function {expected:F4}");
        }
        output.WriteLine($"{shape}: {result.LatitudeNodes} latitude nodes, worst gain error {worst:F5}");
        Assert.True(worst <= 0.003, $"{shape}: worst gain error {worst:F5} > 0.003");
    }

    [Fact]
    public void BadCutoffsAreRefusedWithTheirNames()
    {
        var grid = SinusoidGrid.Wave(16, 16, 1000, 1, 0);
        Assert.Contains("give a cut-off", Assert.Throws<ArgumentException>(() => BandPass.Run(grid, new BandPassOptions())).Message);
        Assert.Contains("must be longer than the short cut-off", Assert.Throws<ArgumentException>(() =>
            BandPass.Run(grid, new BandPassOptions { LongCutoffKm = 10, ShortCutoffKm = 20 })).Message);
        Assert.Contains("Butterworth order", Assert.Throws<ArgumentException>(() =>
            BandPass.Run(grid, new BandPassOptions { Shape = BandPassShape.Butterworth, ShortCutoffKm = 5, Order = 0 })).Message);
        Assert.Contains("roll-off", Assert.Throws<ArgumentException>(() =>
            BandPass.Run(grid, new BandPassOptions { Shape = BandPassShape.Cosine, ShortCutoffKm = 5, Rolloff = 2 })).Message);
    }
}
