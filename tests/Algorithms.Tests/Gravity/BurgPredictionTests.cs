using GisBridge.Algorithms.Gravity;

namespace GisBridge.Algorithms.Tests.Gravity;

/// <summary>The maximum-entropy predictor on sinusoids, whose exact recursion is x[n] = 2 cos(w) x[n-1] - x[n-2]:
/// Burg's fit over several phases gives a = (-2 cos w, 1), and the extension continues the sinusoid both ways.</summary>
public class BurgPredictionTests
{
    [Fact]
    public void RecoversTheRecursionOfASinusoidAndContinuesItBothWays()
    {
        const double w = 0.3;
        const int n = 200;
        var sequences = Enumerable.Range(0, 5).Select(s => Enumerable.Range(0, n).Select(i => Math.Cos(w * i + s)).ToArray()).ToArray();
        var a = BurgPrediction.Coefficients(sequences.Select(s => (double[])s.Clone()).ToArray(), 2); // it overwrites them
        Assert.Equal(-2 * Math.Cos(w), a[0], 1e-4); // Burg's estimate of a finite record is biased by ~1e-5
        Assert.Equal(1, a[1], 1e-4);
        var after = BurgPrediction.Extension(a, 30, after: true);
        var before = BurgPrediction.Extension(a, 30, after: false);
        var x = sequences[2];
        for (int j = 0; j < 30; j++)
        {
            Assert.Equal(Math.Cos(w * (n + j) + 2), after[j][0] * x[n - 2] + after[j][1] * x[n - 1], 1e-3);
            Assert.Equal(Math.Cos(w * (-1 - j) + 2), before[j][0] * x[0] + before[j][1] * x[1], 1e-3);
        }
    }

    /// <summary>A slowly varying field is extrapolated from a few edge cells with large weights of alternating sign
    /// (order 4 on two long waves: above 1e3), so a padded value must be summed in double: in float32 its rounding
    /// alone would be ~1e-2 of a 20-unit field.</summary>
    [Fact]
    public void PaddedValuesKeepTheCancellationOfLargeWeights()
    {
        const int n = 4000;
        var sequences = Enumerable.Range(0, 4).Select(s => Enumerable.Range(0, n)
            .Select(i => 20 * Math.Sin(i / 300.0 + s) + 5 * Math.Sin(i / 40.0 + 2 * s)).ToArray()).ToArray();
        var a = BurgPrediction.Coefficients(sequences.Select(q => (double[])q.Clone()).ToArray(), 4);
        var weights = BurgPrediction.Extension(a, 300, after: true);
        Assert.True(weights.Max(w => w.Max(Math.Abs)) > 1e3);
        var data = Array.ConvertAll(sequences[1], v => (float)v);
        foreach (var w in weights)
        {
            var source = new PadSource(0, 0f, 0, 0f, n - 4, w);
            double exact = 0;
            for (int t = 0; t < 4; t++) exact += w[t] * (double)data[n - 4 + t];
            Assert.Equal(exact, source.Apply(data), 1e-4);
        }
    }
}
