using System.Globalization;
using GisBridge.Algorithms.Regions;
using GisBridge.Tests.Support;

namespace GisBridge.Algorithms.Tests.Regions;

/// <summary>Isotonic calibration against scikit-learn's IsotonicRegression, and the properties a calibration map needs.</summary>
public sealed class IsotonicCalibrationTests
{
    /// <summary>Overconfident scores (outcomes drawn with probability p^2), half of them rounded to 2 decimals so
    /// that equal probabilities are pooled; a NaN score is skipped.</summary>
    private static (double[] P, bool[] Hit) Scores(int n, int seed)
    {
        var r = new Random(seed);
        var p = new double[n]; var hit = new bool[n];
        for (int i = 0; i < n; i++)
        {
            double v = r.NextDouble();
            p[i] = i % 2 == 0 ? Math.Round(v, 2) : v;
            hit[i] = r.NextDouble() < v * v;
        }
        p[5] = double.NaN;
        return (p, hit);
    }

    [Fact]
    public void MatchesScikitLearnIsotonicRegression()
    {
        var (p, hit) = Scores(400, 11);
        var c = IsotonicCalibration.Fit(p, hit);
        // The training scores themselves, then a grid that runs past both ends of the fitted range (clipped).
        var query = p.Where(double.IsFinite).Concat(Enumerable.Range(0, 121).Select(i => -0.1 + i * 0.01)).ToArray();
        const string script = """
            import sys, numpy as np
            from sklearn.isotonic import IsotonicRegression
            fit, query = [], []
            for line in sys.stdin:
                kind, *values = line.split()
                (fit if kind == "fit" else query).append([float(v) for v in values])
            fit = np.array(fit)
            fit = fit[np.isfinite(fit[:, 0])]
            model = IsotonicRegression(y_min=0, y_max=1, out_of_bounds="clip").fit(fit[:, 0], fit[:, 1])
            print(" ".join(repr(float(v)) for v in model.predict(np.array(query)[:, 0])))
            """;
        var text = string.Concat(p.Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"fit {(double.IsNaN(v) ? "nan" : v.ToString("R", CultureInfo.InvariantCulture))} {(hit[i] ? 1 : 0)}\n")))
            + string.Concat(query.Select(q => string.Create(CultureInfo.InvariantCulture, $"query {q:R}\n")));
        var sklearn = ExternalTool.Run(ExternalTool.Python, ["-c", script], text).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(query.Length, sklearn.Length);
        for (int i = 0; i < query.Length; i++)
            Assert.True(Math.Abs(sklearn[i] - c.Apply(query[i])) <= 1e-9, $"at {query[i]:R}: scikit-learn {sklearn[i]:R}, ours {c.Apply(query[i]):R}");
    }

    [Fact]
    public void MapIsMonotoneWithinZeroAndOneAndIdentityForASingleClass()
    {
        var (p, hit) = Scores(300, 3);
        var c = IsotonicCalibration.Fit(p, hit);
        var grid = Enumerable.Range(0, 2001).Select(i => -0.5 + i * 0.001).Select(c.Apply).ToArray();
        Assert.All(grid, v => Assert.InRange(v, 0, 1));
        for (int i = 1; i < grid.Length; i++) Assert.True(grid[i] >= grid[i - 1], $"decreases at {-0.5 + i * 0.001:F3}");
        Assert.True(grid[0] < grid[^1]); // the scores carry information: the map is not flat
        // A block at the top that is all hits calibrates to exactly 1, one at the bottom with no hit to 0.
        var step = IsotonicCalibration.Fit([0.1, 0.2, 0.3, 0.8, 0.9], [false, false, true, true, true]);
        Assert.Equal([0, 0, 0.5, 1, 1], new[] { 0.0, 0.15, 0.25, 0.85, 2.0 }.Select(step.Apply));
        // Outcomes against the order pool into their mean: the first three into (1 + 0 + 0) / 3.
        var pooled = IsotonicCalibration.Fit([0.2, 0.4, 0.6, 0.7], [true, false, false, true]);
        Assert.Equal(1.0 / 3, pooled.Apply(0.5), 12);
        Assert.Equal(IsotonicCalibration.Identity, IsotonicCalibration.Fit([0.2, 0.9], [true, true]));
        Assert.Equal(0.3, IsotonicCalibration.Identity.Apply(0.3), 15);
        Assert.True(double.IsNaN(c.Apply(double.NaN)));
        Assert.Throws<ArgumentException>(() => IsotonicCalibration.Fit([0.1], [true, false]));
    }
}
