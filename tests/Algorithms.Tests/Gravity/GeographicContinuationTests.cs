using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Gravity;
using Xunit.Abstractions;

namespace GisBridge.Algorithms.Tests.Gravity;

/// <summary>
/// Continuation on a longitude/latitude grid from 40 S to 60 S, where the cell width in metres changes by 35 %.
/// Truth: the point-mass field with horizontal offsets in a local metric (east = N cos(phi) dLambda,
/// north = M dPhi at the mean latitude of the two points, WGS 84), which is exact to second order over the
/// ~100 km that matter around each mass.
/// </summary>
public class GeographicContinuationTests(ITestOutputHelper output)
{
    private const double A = 6378137.0, F = 1 / 298.257223563;
    private static readonly double E2 = F * (2 - F);

    // (longitude, latitude, depth m, strength)
    private static readonly (double Lon, double Lat, double Depth, double S)[] Sources =
    [
        (4.0, -42.5, 12_000, 1e9),
        (11.0, -50.0, 10_000, 8e8),
        (7.0, -57.5, 12_000, 1.2e9),
    ];

    private static double Field(double lon, double lat, double z)
    {
        double g = 0;
        foreach (var s in Sources)
        {
            double phi = (lat + s.Lat) / 2 * Math.PI / 180, sin = Math.Sin(phi), w = 1 - E2 * sin * sin;
            double n = A / Math.Sqrt(w), m = A * (1 - E2) / (w * Math.Sqrt(w));
            double east = n * Math.Cos(phi) * (lon - s.Lon) * Math.PI / 180, north = m * (lat - s.Lat) * Math.PI / 180;
            double dz = s.Depth + z;
            g += s.S * dz / Math.Pow(east * east + north * north + dz * dz, 1.5);
        }
        return g;
    }

    [Fact]
    public void LatitudeNodesFollowTheLocalMetricWhereOneCosLatitudeDoesNot()
    {
        const double cell = 0.04, h = 10_000;
        int width = (int)(16 / cell), height = (int)(20 / cell);
        var gt = new GeoTransform(0, cell, 0, -40, 0, -cell);
        var v = new float[width * height];
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++)
                v[r * width + c] = (float)Field(gt.CenterX(c), gt.CenterY(r), 0);
        var input = new RasterGrid(width, height, gt, [v]) { CrsKind = CrsKind.Geographic };

        double Error(float[] regional) => PointMassField.InteriorRelativeRms(regional,
            (c, r) => Field(gt.CenterX(c), gt.CenterY(r), h), width, height);

        var fft = new FftOptions { Detrend = DetrendMode.None };
        var nodes = UpwardContinuation.Run(input, new UpwardContinuationOptions { Heights = [h], Fft = fft });
        var single = UpwardContinuation.Run(input, new UpwardContinuationOptions { Heights = [h], Fft = fft with { LatitudeNodes = 1 } });
        double eNodes = Error(nodes.Levels[0].Regional.Bands[0]), eSingle = Error(single.Levels[0].Regional.Bands[0]);
        output.WriteLine($"40-60 S, {cell} deg cells, h = 10 km: latitude nodes (K = {nodes.LatitudeNodes}) {eNodes * 100:F4} % RMS; " +
            $"single cos(50 S) metric {eSingle * 100:F4} %");
        Assert.True(eNodes <= 0.0015, $"latitude-node method: {eNodes * 100:F4} % > 0.15 %");
        Assert.True(eSingle > 10 * eNodes, "the single-latitude metric should be much worse");
    }
}
