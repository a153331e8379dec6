using System.Globalization;
using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Gravity;
using GisBridge.Algorithms.Gravity.Spectrum;
using Xunit.Abstractions;

namespace GisBridge.Algorithms.Tests.Gravity;

/// <summary>
/// Radially averaged power spectrum: the same numbers as GMT 6.4 `grdfft -Er+n` (mean power) on the same grid (GMT run in the
/// test), and source depths recovered from closed-form point-mass fields, whose power falls exactly as
/// exp(-2 z k) (the 2-D Fourier transform of S z / (r^2 + z^2)^(3/2) is 2 pi S exp(-z |k|)).
/// </summary>
public class RadialPowerSpectrumTests(ITestOutputHelper output)
{
    // A deep ensemble (one broad mass at 15 km) and a shallow one (eight at 2.5 km), inside a 320 x 300 km grid.
    private static readonly PointMass[] Deep = [new(150_000, 160_000, 15_000, 4e10)];
    private static readonly PointMass[] Shallow =
    [
        new(60_000, 70_000, 2_500, 3e7), new(250_000, 90_000, 2_500, 3e7), new(110_000, 230_000, 2_500, 3e7),
        new(200_000, 200_000, 2_500, 3e7), new(80_000, 150_000, 2_500, 3e7), new(270_000, 240_000, 2_500, 3e7),
        new(170_000, 60_000, 2_500, 3e7), new(140_000, 120_000, 2_500, 3e7),
    ];

    private static RasterGrid TwoEnsembles() =>
        PointMassField.Grid(320, 300, 1000, 1000, 0, 0, (x, y) => PointMassField.Gz([.. Deep, .. Shallow], x, y, 0));

    [GmtFact]
    public void MatchesGmtGrdfftEOnTheSameGrid()
    {
        var grid = TwoEnsembles();
        string dir = Directory.CreateTempSubdirectory("gisbridge-spectrum-").FullName;
        try
        {
            GmtContinuation.WriteGrid(grid, dir);
            // -Nf+l+n: the grid's own size, no detrend, no extension: the plain periodogram, as ours without padding.
            var gmt = GmtRunner.Run(dir, "grdfft", "in.nc", "-Er+n", "-Nf+l+n")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                .Select(f => (Freq: double.Parse(f[0], CultureInfo.InvariantCulture), Power: double.Parse(f[1], CultureInfo.InvariantCulture)))
                .ToArray();
            var ours = RadialPowerSpectrum.Run(grid, new RadialSpectrumOptions
            {
                Fft = new FftOptions { PadFraction = 0, Detrend = DetrendMode.None },
            }).Bins;
            Assert.Equal(gmt.Length, ours.Count);
            double max = gmt.Max(g => g.Power), worst = 0;
            for (int i = 0; i < ours.Count; i++)
            {
                // GMT writes frequency in cycles per metre.
                Assert.Equal(gmt[i].Freq, ours[i].RadPerKm / 1000 / (2 * Math.PI), gmt[i].Freq * 1e-5);
                // GMT transforms in float32: compare where the power is well above its rounding.
                if (gmt[i].Power < 1e-9 * max) continue;
                worst = Math.Max(worst, Math.Abs(ours[i].MeanPower / gmt[i].Power - 1));
            }
            output.WriteLine($"{ours.Count} bins, worst relative power difference {worst:E2}");
            Assert.True(worst < 1e-4, $"power differs from GMT's by {worst:E2} (relative)");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void RecoversTheDepthsOfTwoEnsemblesAndSuggestsASeparation()
    {
        var result = RadialPowerSpectrum.Run(TwoEnsembles(), new RadialSpectrumOptions());
        foreach (var s in result.Segments)
            output.WriteLine($"{s.MinRadPerKm:F3}-{s.MaxRadPerKm:F3} rad/km: depth {s.DepthKm:F2} km (R2 {s.RSquared:F3})");
        Assert.Equal(2, result.Segments.Count);
        // Tolerance 10 % of the depth: the radial average of several masses carries their interference terms.
        Assert.InRange(result.Segments[0].DepthKm, 0.9 * 15, 1.1 * 15);
        Assert.InRange(result.Segments[1].DepthKm, 0.9 * 2.5, 1.1 * 2.5);
        var split = Assert.IsType<SeparationSuggestion>(result.Separation);
        Assert.Equal((result.Segments[0].DepthKm + result.Segments[1].DepthKm) * 1000, split.HeightMetres, 1e-6);
        Assert.InRange(split.BreakRadPerKm, result.Segments[0].MinRadPerKm, result.Segments[1].MaxRadPerKm);
    }

    [Fact]
    public void FitsAGivenRangeToTheDepthOfOneMass()
    {
        // One mass at 6 km: ln P falls with slope -12 per rad/km wherever the power is above the floor.
        var grid = PointMassField.Grid(256, 256, 1000, 1000, 0, 0, (x, y) => PointMassField.Gz([new(128_000, 128_000, 6_000, 1e9)], x, y, 0));
        var result = RadialPowerSpectrum.Run(grid, new RadialSpectrumOptions { Ranges = [new(0.2, 2.0)] });
        var segment = Assert.Single(result.Segments);
        output.WriteLine($"depth {segment.DepthKm:F3} km over {segment.Bins} bins");
        Assert.InRange(segment.DepthKm, 0.97 * 6, 1.03 * 6);
        Assert.Null(result.Separation);
    }

    [Fact]
    public void RecoversTheDepthsOnALonLatGrid()
    {
        // 0.01 degree cells at 44-47 N; the masses' fields use local east/north distances on WGS 84.
        const double West = 5, North = 47, Cell = 0.01, A = 6378137.0, F = 1 / 298.257223563;
        int width = 400, height = 300;
        double e2 = F * (2 - F);
        var masses = new (double Lon, double Lat, double Depth, double S)[]
        {
            (7.0, 45.5, 15_000, 4e10), (5.8, 46.3, 2_500, 3e7), (8.1, 44.7, 2_500, 3e7), (6.4, 44.6, 2_500, 3e7),
            (7.7, 46.6, 2_500, 3e7), (5.6, 45.1, 2_500, 3e7), (8.4, 45.9, 2_500, 3e7),
        };
        var gt = new GeoTransform(West, Cell, 0, North, 0, -Cell);
        var v = new float[width * height];
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++)
            {
                double lon = gt.CenterX(c), lat = gt.CenterY(r), g = 0;
                foreach (var m in masses)
                {
                    double phi = (lat + m.Lat) / 2 * Math.PI / 180, sin = Math.Sin(phi), w = 1 - e2 * sin * sin;
                    double n = A / Math.Sqrt(w), mer = A * (1 - e2) / (w * Math.Sqrt(w));
                    double east = n * Math.Cos(phi) * (lon - m.Lon) * Math.PI / 180, north = mer * (lat - m.Lat) * Math.PI / 180;
                    g += m.S * m.Depth / Math.Pow(east * east + north * north + m.Depth * m.Depth, 1.5);
                }
                v[r * width + c] = (float)g;
            }
        var grid = new RasterGrid(width, height, gt, [v]) { CrsKind = CrsKind.Geographic };
        var result = RadialPowerSpectrum.Run(grid, new RadialSpectrumOptions());
        foreach (var s in result.Segments)
            output.WriteLine($"{s.MinRadPerKm:F3}-{s.MaxRadPerKm:F3} rad/km: depth {s.DepthKm:F2} km");
        Assert.Equal(2, result.Segments.Count);
        Assert.InRange(result.Segments[0].DepthKm, 0.9 * 15, 1.1 * 15);
        Assert.InRange(result.Segments[1].DepthKm, 0.9 * 2.5, 1.1 * 2.5);
    }

    [Fact]
    public void RefusesBadOptionsByName()
    {
        var grid = PointMassField.Grid(64, 64, 1000, 1000, 0, 0, (x, y) => 1 + x * 1e-6);
        Assert.Contains("Segments", Assert.Throws<ArgumentException>(() => RadialPowerSpectrum.Run(grid, new RadialSpectrumOptions { Segments = 4 })).Message);
        Assert.Contains("range", Assert.Throws<ArgumentException>(() => RadialPowerSpectrum.Run(grid, new RadialSpectrumOptions { Ranges = [new(2, 1)] })).Message);
        Assert.Contains("holds 0", Assert.Throws<ArgumentException>(() => RadialPowerSpectrum.Run(grid, new RadialSpectrumOptions { Ranges = [new(50, 60)] })).Message);
    }
}
