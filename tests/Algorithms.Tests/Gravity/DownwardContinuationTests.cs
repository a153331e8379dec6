using GisBridge.Algorithms.Gravity;
using Xunit.Abstractions;

namespace GisBridge.Algorithms.Tests.Gravity;

public class DownwardContinuationTests(ITestOutputHelper output)
{
    [Fact]
    public void NegativeHeightIsRefusedWithoutStabilisation()
    {
        var input = UpwardContinuationAnalyticTests.SourceGrid(64, 64);
        var e = Assert.Throws<ArgumentException>(() =>
            UpwardContinuation.Run(input, new UpwardContinuationOptions { Heights = [-2000] }));
        Assert.Contains("downward", e.Message);
        Assert.Contains("unstable", e.Message);
        Assert.Contains("Stabilisation", e.Message);
        var e2 = Assert.Throws<ArgumentException>(() =>
            UpwardContinuation.Run(input, new UpwardContinuationOptions { Heights = [-2000], AllowDownward = true }));
        Assert.Contains("Stabilisation", e2.Message);
    }

    [Fact]
    public void StabilisedDownwardContinuationRecoversTheFieldCloserToTheSources()
    {
        // Measured for alpha = 1e2 / 1e3 / 1e4 / 1e5 m^2: 0.22 / 0.58 / 1.9 / 6.1 % (smoother with larger alpha).
        // Observe at 6 km above the masses' reference level, continue down 4 km, compare with the field at 2 km.
        var sources = UpwardContinuationAnalyticTests.Sources;
        var observed = PointMassField.Grid(256, 256, 1000, 1000, 0, 0, (x, y) => PointMassField.Gz(sources, x, y, 6000));
        var result = UpwardContinuation.Run(observed, new UpwardContinuationOptions
        {
            Heights = [-4000], AllowDownward = true, Stabilisation = 1e3, Fft = UpwardContinuationAnalyticTests.Isolated,
        });
        var down = result.Levels[0].Regional.Bands[0];
        Assert.All(down, v => Assert.True(float.IsFinite(v)));
        double Error(float[] g) => PointMassField.InteriorRelativeRms(g,
            (c, r) => PointMassField.Gz(sources, observed.Transform.CenterX(c), observed.Transform.CenterY(r), 2000), 256, 256);
        double eDown = Error(down), eNone = Error(observed.Bands[0]);
        output.WriteLine($"down 4 km with alpha = 1e3 m^2: RMS {eDown * 100:F3} % against the field at 2 km (the observed field itself: {eNone * 100:F2} %)");
        Assert.True(eDown <= 0.01, $"stabilised downward continuation: {eDown * 100:F3} % > 1 %");
    }
}
