namespace GisBridge.Algorithms.Regions;

/// <summary>Isotonic calibration of one class's probability as scikit-learn's IsotonicRegression(out_of_bounds="clip")
/// fits it: outcomes averaged over equal probabilities, pool-adjacent-violators for the non-decreasing least-squares
/// fit, then linear interpolation between the first and last probability of each pooled block, clamped outside the
/// fitted range. Written here because ML.NET's isotonic calibrator fits in single precision inside its own pipeline.
/// <see cref="X"/> ascending, <see cref="Y"/> non-decreasing in [0, 1]; the identity is (0, 0)-(1, 1).</summary>
public sealed record IsotonicCalibration(IReadOnlyList<double> X, IReadOnlyList<double> Y) : IProbabilityCalibration
{
    public static readonly IsotonicCalibration Identity = new([0.0, 1.0], [0.0, 1.0]);

    public double Apply(double p)
    {
        if (!double.IsFinite(p)) return p;
        int n = X.Count;
        if (p <= X[0]) return Y[0];
        if (p >= X[n - 1]) return Y[n - 1];
        int hi = 1;
        while (X[hi] < p) hi++;
        int lo = hi - 1;
        double t = (p - X[lo]) / (X[hi] - X[lo]);
        return Math.Clamp(Y[lo] + t * (Y[hi] - Y[lo]), 0, 1);
    }

    /// <summary>Fits the map to probabilities and outcomes (rows with a non-finite probability are skipped); a class
    /// never or always seen gets the identity, as in <see cref="PlattCalibration.Fit"/>.</summary>
    public static IsotonicCalibration Fit(IReadOnlyList<double> p, IReadOnlyList<bool> outcome)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(outcome);
        if (p.Count != outcome.Count) throw new ArgumentException($"{p.Count} probabilities but {outcome.Count} outcomes", nameof(outcome));
        var rows = Enumerable.Range(0, p.Count).Where(i => double.IsFinite(p[i])).ToArray();
        int positives = rows.Count(i => outcome[i]);
        if (positives == 0 || positives == rows.Length) return Identity;
        var sorted = rows.OrderBy(i => p[i]).ToArray();

        // Equal probabilities become one point: the mean outcome, weighted by their count.
        var x = new List<double>(); var y = new List<double>(); var w = new List<double>();
        foreach (int i in sorted)
        {
            double v = outcome[i] ? 1 : 0;
            // Within scikit-learn's tolerance (the float64 resolution) two probabilities are one value.
            if (x.Count > 0 && p[i] - x[^1] < 1e-15) { y[^1] += v; w[^1] += 1; }
            else { x.Add(p[i]); y.Add(v); w.Add(1); }
        }
        for (int k = 0; k < y.Count; k++) y[k] /= w[k];

        // Pool adjacent violators: a stack of blocks (mean, weight, first and last point) kept increasing.
        var mean = new List<double>(); var weight = new List<double>(); var first = new List<int>(); var last = new List<int>();
        for (int k = 0; k < x.Count; k++)
        {
            mean.Add(y[k]); weight.Add(w[k]); first.Add(k); last.Add(k);
            while (mean.Count > 1 && mean[^2] >= mean[^1])
            {
                int b = mean.Count - 1;
                double total = weight[b - 1] + weight[b];
                mean[b - 1] = (mean[b - 1] * weight[b - 1] + mean[b] * weight[b]) / total;
                weight[b - 1] = total; last[b - 1] = last[b];
                mean.RemoveAt(b); weight.RemoveAt(b); first.RemoveAt(b); last.RemoveAt(b);
            }
        }
        // A block's inner points lie on its constant value: its first and last points define the map.
        var xs = new List<double>(); var ys = new List<double>();
        for (int b = 0; b < mean.Count; b++)
        {
            double value = Math.Clamp(mean[b], 0, 1);
            xs.Add(x[first[b]]); ys.Add(value);
            if (last[b] != first[b]) { xs.Add(x[last[b]]); ys.Add(value); }
        }
        return new IsotonicCalibration(xs.ToArray(), ys.ToArray());
    }
}
