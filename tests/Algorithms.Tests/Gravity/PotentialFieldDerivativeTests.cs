using GisBridge.Algorithms.Gravity;
using Xunit.Abstractions;

namespace GisBridge.Algorithms.Tests.Gravity;

/// <summary>Vertical derivative, total horizontal gradient and tilt of point-mass fields against closed forms.</summary>
public class PotentialFieldDerivativeTests(ITestOutputHelper output)
{
    private static readonly PointMass[] Sources = UpwardContinuationAnalyticTests.Sources;

    [Fact]
    public void VerticalDerivativeOfPointMassesMatchesTheClosedForm()
    {
        var input = UpwardContinuationAnalyticTests.SourceGrid();
        var vdr = PotentialFieldDerivatives.Compute(input, DerivativeKind.Vertical, UpwardContinuationAnalyticTests.Isolated);
        double rms = PointMassField.InteriorRelativeRms(vdr.Bands[0],
            (c, r) => PointMassField.VerticalDerivative(Sources, input.Transform.CenterX(c), input.Transform.CenterY(r), 0), 256, 256);
        output.WriteLine($"first vertical derivative: interior relative RMS {rms * 100:F4} %");
        Assert.True(rms <= 0.005, $"{rms * 100:F4} % > 0.5 %");
        Assert.Equal("vertical_derivative", vdr.BandNames[0]);
    }

    [Fact]
    public void TotalHorizontalGradientMatchesTheClosedForm()
    {
        var input = UpwardContinuationAnalyticTests.SourceGrid();
        var thg = PotentialFieldDerivatives.Compute(input, DerivativeKind.TotalHorizontalGradient);
        double rms = PointMassField.InteriorRelativeRms(thg.Bands[0],
            (c, r) => PointMassField.HorizontalGradient(Sources, input.Transform.CenterX(c), input.Transform.CenterY(r), 0), 256, 256);
        output.WriteLine($"total horizontal gradient (central differences, 1 km cells, sources 4-8 km deep): interior relative RMS {rms * 100:F4} %");
        Assert.True(rms <= 0.02, $"{rms * 100:F4} % > 2 %");
    }

    [Fact]
    public void TiltAngleIsWithinItsRangePositiveOverSourcesAndMatchesTheClosedForm()
    {
        var input = UpwardContinuationAnalyticTests.SourceGrid();
        var tilt = PotentialFieldDerivatives.Compute(input, DerivativeKind.Tilt, UpwardContinuationAnalyticTests.Isolated).Bands[0];
        Assert.All(tilt, t => Assert.InRange(t, -Math.PI / 2, Math.PI / 2));
        // Directly above the 6 km mass at (128 km, 128 km): cell centres 127.5/128.5 km, so row/column 127 or 128.
        Assert.True(tilt[128 * 256 + 127] > 1.3, $"tilt above the source {tilt[128 * 256 + 127]} should be close to +pi/2");
        double sum = 0; int n = 0;
        for (int r = 26; r < 230; r++)
            for (int c = 26; c < 230; c++)
            {
                double x = input.Transform.CenterX(c), y = input.Transform.CenterY(r);
                double expected = Math.Atan2(PointMassField.VerticalDerivative(Sources, x, y, 0), PointMassField.HorizontalGradient(Sources, x, y, 0));
                sum += (tilt[r * 256 + c] - expected) * (tilt[r * 256 + c] - expected);
                n++;
            }
        double rmsRad = Math.Sqrt(sum / n);
        output.WriteLine($"tilt angle: interior RMS error {rmsRad:F4} rad ({rmsRad * 180 / Math.PI:F3} deg)");
        Assert.True(rmsRad <= 0.02, $"tilt RMS error {rmsRad} rad");
    }
}
