using GisBridge.Algorithms.Isotopes;

namespace GisBridge.Algorithms.Tests.Isotopes;

public sealed class EndMemberMixingTests
{
    // Synthetic end-members for the test only (not published values): 87Sr/86Sr, 143Nd/144Nd, 206/204, 207/204,
    // 208/204 and Sr, Nd, Pb, Pb, Pb concentrations (ppm), spread like the mantle end-members.
    private static readonly EndMember[] Members =
    [
        new("A", [0.7025, 0.51315, 18.0, 15.45, 37.7], [8, 0.6, 0.02, 0.02, 0.02]),
        new("B", [0.7055, 0.51240, 17.6, 15.50, 38.3], [60, 4, 0.3, 0.3, 0.3]),
        new("C", [0.7075, 0.51260, 19.3, 15.70, 39.5], [90, 6, 0.5, 0.5, 0.5]),
        new("D", [0.7029, 0.51285, 21.5, 15.85, 40.6], [30, 2, 0.08, 0.08, 0.08]),
        new("E", [0.7032, 0.51300, 19.2, 15.58, 38.9], [15, 1, 0.05, 0.05, 0.05]),
    ];

    private static double[] Mix(EndMember[] members, double[] f) =>
        Enumerable.Range(0, 5).Select(j => EndMemberMixing.Mixed(members, f, j)).ToArray();

    [Theory]
    [InlineData(0.5, 0.2, 0.1, 0.15, 0.05)]
    [InlineData(0.0, 0.0, 0.3, 0.7, 0.0)]
    [InlineData(0.25, 0.25, 0.25, 0.15, 0.10)]
    public void ConcentrationWeightedMixtureOfKnownProportionsIsRecovered(double a, double b, double c, double d, double e)
    {
        double[] truth = [a, b, c, d, e];
        var fit = EndMemberMixing.Fit(Members, Mix(Members, truth));
        for (int i = 0; i < 5; i++) Assert.Equal(truth[i], fit.Proportions[i], 0.02);
        Assert.Equal(1, fit.Proportions.Sum(), 1e-9);
        Assert.All(fit.Proportions, x => Assert.True(x >= 0));
        Assert.True(fit.Misfit < 1e-3, $"misfit {fit.Misfit}");
        Assert.Equal(5, fit.RatiosUsed);
    }

    [Fact]
    public void LinearMixingWithoutConcentrationsAndAMissingRatio()
    {
        var linear = Members.Select(m => m with { Concentrations = Enumerable.Repeat(double.NaN, 5).ToArray() }).ToArray();
        double[] truth = [0.6, 0.1, 0.1, 0.1, 0.1];
        var sample = Mix(linear, truth);
        // Linear mixing: each ratio is the proportion-weighted mean.
        Assert.Equal(linear.Select((m, i) => truth[i] * m.Ratios[2]).Sum(), sample[2], 1e-12);
        var fit = EndMemberMixing.Fit(linear, sample);
        for (int i = 0; i < 5; i++) Assert.Equal(truth[i], fit.Proportions[i], 0.02);
        sample[0] = double.NaN;
        Assert.Equal(4, EndMemberMixing.Fit(linear, sample).RatiosUsed);
    }

    [Fact]
    public void ASampleOutsideTheEndMembersHasAMisfit()
    {
        var fit = EndMemberMixing.Fit(Members, [0.7100, 0.51200, 16.0, 15.2, 36.0]);
        Assert.True(fit.Misfit > 0.1, $"misfit {fit.Misfit}");
        Assert.Equal(1, fit.Proportions.Sum(), 1e-9);
    }
}
