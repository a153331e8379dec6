namespace GisBridge.Algorithms.Regions;

/// <summary>Options of <see cref="ChangePointDetection"/>.</summary>
public sealed record ChangePointOptions
{
    /// <summary>Minimum samples on each side of a change. Default 5.</summary>
    public int MinSegment { get; init; } = 5;
    /// <summary>A split is kept when its permutation p-value is below this. Default 0.01.</summary>
    public double Significance { get; init; } = 0.01;
    /// <summary>Permutations of the segment's values for the p-value. Default 999.</summary>
    public int Permutations { get; init; } = 999;
    /// <summary>Residual-bootstrap replicates for the interval of the change location. Default 500.</summary>
    public int BootstrapReplicates { get; init; } = 500;
    /// <summary>Coverage of the location interval. Default 0.95.</summary>
    public double IntervalLevel { get; init; } = 0.95;
    /// <summary>At most this many change points. Default 10.</summary>
    public int MaxChangePoints { get; init; } = 10;
    public int Seed { get; init; } = 42;
}

/// <summary>A change of mean between samples Index-1 and Index (0-based, in the given order).</summary>
public sealed record ChangePoint(
    int Index,
    /// <summary>Position of the change (midway between the two samples), in the unit of the positions given.</summary>
    double Position,
    /// <summary>Bootstrap interval of the position.</summary>
    double Lower,
    double Upper,
    double PValue,
    /// <summary>Mean of the final segment before and after the change.</summary>
    double MeanBefore,
    double MeanAfter);

/// <summary>Mean-shift change points in a sequence ordered along a ridge: binary segmentation with the
/// least-squares split, each split kept only if a permutation test rejects "no change" in its segment
/// (p &lt; significance); the location uncertainty is a residual-bootstrap percentile interval.</summary>
public static class ChangePointDetection
{
    public static IReadOnlyList<ChangePoint> Detect(IReadOnlyList<double> values, IReadOnlyList<double> positions, ChangePointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (values.Count != positions.Count)
            throw new ArgumentException($"{values.Count} values but {positions.Count} positions", nameof(positions));
        if (values.Any(v => !double.IsFinite(v)) || positions.Any(p => !double.IsFinite(p)))
            throw new ArgumentException("values and positions must be finite (drop missing samples first)", nameof(values));
        for (int i = 1; i < positions.Count; i++)
            if (positions[i] < positions[i - 1]) throw new ArgumentException("positions must be sorted ascending", nameof(positions));
        if (options.MinSegment < 2) throw new ArgumentException($"minimum segment must be >= 2 (got {options.MinSegment})", nameof(options));
        if (!(options.Significance > 0 && options.Significance < 1))
            throw new ArgumentException($"significance must be in (0, 1) (got {options.Significance})", nameof(options));
        if (options.Permutations < 1 || options.BootstrapReplicates < 1)
            throw new ArgumentException("permutations and bootstrap replicates must be >= 1", nameof(options));
        var y = values.ToArray();
        var random = new Random(options.Seed);

        var found = new List<(int Index, double P, int Start, int End)>();
        var pending = new Stack<(int Start, int End)>();
        pending.Push((0, y.Length));
        while (pending.Count > 0 && found.Count < options.MaxChangePoints)
        {
            var (a, b) = pending.Pop();
            if (b - a < 2 * options.MinSegment) continue;
            var segment = y[a..b];
            var (tau, gain) = BestSplit(segment, options.MinSegment);
            if (gain <= 0) continue;
            double p = PermutationPValue(segment, gain, options, random);
            if (p >= options.Significance) continue;
            found.Add((a + tau, p, a, b));
            pending.Push((a + tau, b));
            pending.Push((a, a + tau));
        }

        var cuts = found.Select(f => f.Index).Order().ToList();
        var result = new List<ChangePoint>();
        foreach (var f in found.OrderBy(f => f.Index))
        {
            // Final neighbouring segments give the means and the window of the bootstrap.
            int k = cuts.IndexOf(f.Index);
            int start = k == 0 ? 0 : cuts[k - 1], end = k == cuts.Count - 1 ? y.Length : cuts[k + 1];
            var (lo, hi) = BootstrapInterval(y, start, f.Index, end, options, random);
            result.Add(new ChangePoint(f.Index, Midway(positions, f.Index), Midway(positions, lo), Midway(positions, hi), f.P,
                y[start..f.Index].Average(), y[f.Index..end].Average()));
        }
        return result;
    }

    /// <summary>The split index (first sample of the second part) maximising the between-part sum of squares.</summary>
    internal static (int Tau, double Gain) BestSplit(double[] s, int minSegment)
    {
        int n = s.Length;
        double total = s.Sum(), left = 0, bestGain = -1;
        int best = -1;
        for (int t = 1; t < n; t++)
        {
            left += s[t - 1];
            if (t < minSegment || n - t < minSegment) continue;
            double m1 = left / t, m2 = (total - left) / (n - t);
            double gain = (double)t * (n - t) / n * (m1 - m2) * (m1 - m2);
            if (gain > bestGain + 1e-12) { bestGain = gain; best = t; }
        }
        return (best, bestGain);
    }

    private static double PermutationPValue(double[] segment, double observed, ChangePointOptions o, Random random)
    {
        var shuffled = (double[])segment.Clone();
        int atLeast = 0;
        for (int p = 0; p < o.Permutations; p++)
        {
            random.Shuffle(shuffled);
            if (BestSplit(shuffled, o.MinSegment).Gain >= observed * (1 - 1e-12)) atLeast++;
        }
        return (1.0 + atLeast) / (1.0 + o.Permutations);
    }

    /// <summary>Residual bootstrap of the split of y[start..end) at tau: percentile interval of the re-estimated index.</summary>
    private static (int Lower, int Upper) BootstrapInterval(double[] y, int start, int tau, int end, ChangePointOptions o, Random random)
    {
        double m1 = y[start..tau].Average(), m2 = y[tau..end].Average();
        var fitted = Enumerable.Range(start, end - start).Select(i => i < tau ? m1 : m2).ToArray();
        var residuals = Enumerable.Range(start, end - start).Select(i => y[i] - fitted[i - start]).ToArray();
        var estimates = new double[o.BootstrapReplicates];
        var sample = new double[fitted.Length];
        int minSegment = Math.Min(o.MinSegment, Math.Min(tau - start, end - tau));
        for (int r = 0; r < o.BootstrapReplicates; r++)
        {
            for (int i = 0; i < sample.Length; i++) sample[i] = fitted[i] + residuals[random.Next(residuals.Length)];
            estimates[r] = start + BestSplit(sample, minSegment).Tau;
        }
        double alpha = (1 - o.IntervalLevel) / 2;
        return ((int)Math.Floor(FeatureMatrixBuilder.Quantile(estimates, alpha)),
                (int)Math.Ceiling(FeatureMatrixBuilder.Quantile(estimates, 1 - alpha)));
    }

    /// <summary>Position midway between samples index-1 and index.</summary>
    private static double Midway(IReadOnlyList<double> positions, int index)
    {
        index = Math.Clamp(index, 1, positions.Count - 1);
        return 0.5 * (positions[index - 1] + positions[index]);
    }
}
