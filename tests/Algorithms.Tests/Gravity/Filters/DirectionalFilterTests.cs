using GisBridge.Algorithms.Gravity;
using Xunit.Abstractions;

namespace GisBridge.Algorithms.Tests.Gravity;

/// <summary>
/// The directional cosine filter against its transfer function |sin(theta - strike)|^n (1 minus that to reject) on
/// periodic plane waves whose wavevector azimuth theta is known, on north-up and south-up grids (the row direction
/// flips the sign of ky, which a directional filter must undo). Exact up to float32: held within 0.002.
/// </summary>
public class DirectionalFilterTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void GainIsTheCosineOfTheAngleToTheStrike(bool northUp, bool reject)
    {
        const int size = 240;
        foreach (double strike in new[] { 0.0, 30.0, 135.0 })
            foreach (var (m, p) in new[] { (5, 0), (0, 5), (4, 4), (3, -6), (-2, 7) })
            {
                var input = SinusoidGrid.Wave(size, size, 1000, m, p, northUp);
                var options = new DirectionalFilterOptions { StrikeAzimuthDegrees = strike, Exponent = 3, Reject = reject, Fft = SinusoidGrid.Periodic };
                var result = DirectionalFilter.Run(input, options);
                double theta = Math.Atan2(m, p); // azimuth of the wavevector (east m, north p), clockwise from north
                double pass = Math.Pow(Math.Abs(Math.Sin(theta - strike * Math.PI / 180)), 3);
                double expected = reject ? 1 - pass : pass;
                double gain = SinusoidGrid.Gain(input.Bands[0], result.Output.Bands[0]);
                output.WriteLine($"north-up {northUp}, reject {reject}, strike {strike}, wave azimuth {theta * 180 / Math.PI:F1}: gain {gain:F5}, expected {expected:F5}");
                Assert.True(Math.Abs(gain - expected) <= 0.002, $"strike {strike}, wave ({m}, {p}): gain {gain:F5}, expected {expected:F5}");
            }
    }

    [Fact]
    public void BadStrikeOrExponentIsRefused()
    {
        var grid = SinusoidGrid.Wave(16, 16, 1000, 1, 0);
        Assert.Contains("strike azimuth", Assert.Throws<ArgumentException>(() =>
            DirectionalFilter.Run(grid, new DirectionalFilterOptions { StrikeAzimuthDegrees = 200 })).Message);
        Assert.Contains("exponent", Assert.Throws<ArgumentException>(() =>
            DirectionalFilter.Run(grid, new DirectionalFilterOptions { Exponent = 0 })).Message);
    }
}
