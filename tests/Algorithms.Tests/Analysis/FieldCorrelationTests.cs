using System.Globalization;
using GisBridge.Algorithms.Analysis;
using GisBridge.Algorithms.Common;
using GisBridge.Tests.Support;

namespace GisBridge.Algorithms.Tests.Analysis;

public sealed class FieldCorrelationTests
{
    [Fact]
    public void CoefficientsAndPValuesMatchScipy()
    {
        var r = new Random(5);
        int n = 60;
        var x = Enumerable.Range(0, n).Select(_ => r.NextDouble() * 10).ToArray();
        var y = x.Select(v => 0.3 * v + Math.Exp(r.NextDouble() * 2)).ToArray();
        x[7] = double.NaN; // a missing value drops the pair
        var pair = FieldCorrelation.Pair("x", "y", null, x, y, Enumerable.Range(0, n));
        Assert.Equal(n - 1, pair.Count);
        const string script = """
            import sys, numpy as np
            from scipy import stats
            d = np.loadtxt(sys.stdin).reshape(-1, 2); d = d[~np.isnan(d).any(axis=1)]
            p = stats.pearsonr(d[:, 0], d[:, 1]); s = stats.spearmanr(d[:, 0], d[:, 1])
            print(repr(p[0]), repr(p[1]), repr(s[0]), repr(s[1]))
            """;
        var text = string.Concat(x.Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"{(double.IsNaN(v) ? "nan" : v.ToString("R", CultureInfo.InvariantCulture))} {y[i]:R}\n")));
        var scipy = ExternalTool.Run(ExternalTool.Python, ["-c", script], text).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(scipy[0], pair.Pearson, 1e-10);
        Assert.Equal(scipy[1], pair.PearsonP, 1e-9);
        Assert.Equal(scipy[2], pair.Spearman, 1e-10);
        Assert.Equal(scipy[3], pair.SpearmanP, 1e-9);
    }

    [Fact]
    public void GroupsGetTheirOwnCoefficientsAndTooFewSamplesGiveNaN()
    {
        var t = new SampleTable(6);
        t.SetNumeric("a", [1, 2, 3, 4, 5, 6]);
        t.SetNumeric("b", [2, 4, 6, 1, 0, -1]);
        t.SetText("ridge", ["A", "A", "A", "B", "B", null]);
        var pairs = FieldCorrelation.Compute(t, ["a"], ["b"], "ridge");
        Assert.Equal([null, "A", "B"], pairs.Select(p => p.Group));
        Assert.Equal(1, pairs[1].Pearson, 12);   // b = 2a in A
        Assert.Equal(0, pairs[1].PearsonP, 12);
        Assert.True(double.IsNaN(pairs[2].Pearson)); // B has 2 samples
        Assert.Equal(6, pairs[0].Count);
        Assert.Throws<ArgumentException>(() => FieldCorrelation.Compute(t, ["a"], ["c"], null));
    }
}
