using GisBridge.Algorithms.Gravity;
using Xunit.Abstractions;

namespace GisBridge.Algorithms.Tests.Gravity;

/// <summary>
/// The band-passes against GMT 6.4 `grdfft -F` (same definitions: gain 0.5 at a Gaussian cut-off, 0.707 at a
/// Butterworth one, high-pass = 1 - low-pass) on three buried point masses well inside a 256 x 256 km grid, GMT
/// run in the same test with -N+l (nothing detrended; ours: Detrend None). The two differ only in the edge
/// extension (GMT's edge-point symmetry against our tapered zeros), which the isolated anomalies hardly feel:
/// the interior (10 % trimmed) RMS difference is held below 0.05 % of the RMS of GMT's result (measured at most
/// 0.006 %, the cosine low-pass).
/// </summary>
public class BandPassGmtTests(ITestOutputHelper output)
{
    public static TheoryData<BandPassShape, double, double, string> Cases() => new()
    {
        { BandPassShape.Gaussian, 0, 20, "-F-/20000" },
        { BandPassShape.Gaussian, 30, 0, "-F30000/-" },
        { BandPassShape.Gaussian, 40, 10, "-F40000/10000" },
        { BandPassShape.Butterworth, 0, 20, "-F-/20000/2" },
        { BandPassShape.Butterworth, 30, 0, "-F30000/-/2" },
        { BandPassShape.Butterworth, 40, 10, "-F40000/10000/2" },
        // Cosine, roll-off 1: pass below kc/2, cut above 3 kc/2, i.e. GMT's -F-/-/2 lambda_c/(2/3) lambda_c.
        { BandPassShape.Cosine, 0, 20, "-F-/-/40000/13333.333333" },
    };

    [GmtTheory]
    [MemberData(nameof(Cases))]
    public void MatchesGmtGrdfft(BandPassShape shape, double longKm, double shortKm, string gmtFilter)
    {
        var input = UpwardContinuationAnalyticTests.SourceGrid();
        var ours = BandPass.Run(input, new BandPassOptions
        {
            Shape = shape, LongCutoffKm = longKm, ShortCutoffKm = shortKm, Order = 2, Fft = UpwardContinuationAnalyticTests.Isolated,
        }).Output.Bands[0];
        var gmt = GmtGrdfft.Run(input, gmtFilter, "-N+l");
        double difference = PointMassField.InteriorRelativeRms(ours, (c, r) => gmt[r * input.Width + c], input.Width, input.Height);
        output.WriteLine($"{shape} {longKm}/{shortKm} km vs gmt grdfft {gmtFilter} -N+l: interior RMS difference {difference * 100:F4} % of GMT's RMS");
        Assert.True(difference <= 0.0005, $"{shape}: {difference * 100:F4} % > 0.05 %");
    }
}

/// <summary>A theory that needs GMT on PATH.</summary>
public sealed class GmtTheoryAttribute : TheoryAttribute
{
    public GmtTheoryAttribute()
    {
        if (!GmtRunner.IsAvailable()) Skip = "gmt (GMT 6) is not on PATH: install GMT to compare with grdfft";
    }
}
