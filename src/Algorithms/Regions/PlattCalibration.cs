namespace GisBridge.Algorithms.Regions;

/// <summary>Platt scaling of one class's probability: p' = 1 / (1 + exp(-(A * logit(p) + B))), A and B fitted by
/// Newton's method on out-of-fold probabilities with Platt's (1999) smoothed targets, so that a class seen n times
/// is never calibrated to exactly 0 or 1. The identity is A = 1, B = 0. Written here because ML.NET's calibrators
/// work only on its own binary scorers inside a pipeline, not on out-of-fold values fed in by hand.</summary>
public sealed record PlattCalibration(double A, double B) : IProbabilityCalibration
{
    public static readonly PlattCalibration Identity = new(1, 0);

    public double Apply(double p)
    {
        if (!double.IsFinite(p)) return p;
        double z = A * Logit(p) + B;
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>Fits A and B to probabilities and outcomes (rows with a non-finite probability are skipped).</summary>
    public static PlattCalibration Fit(IReadOnlyList<double> p, IReadOnlyList<bool> outcome)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(outcome);
        if (p.Count != outcome.Count) throw new ArgumentException($"{p.Count} probabilities but {outcome.Count} outcomes", nameof(outcome));
        var rows = Enumerable.Range(0, p.Count).Where(i => double.IsFinite(p[i])).ToArray();
        int positives = rows.Count(i => outcome[i]), negatives = rows.Length - positives;
        if (positives == 0 || negatives == 0) return Identity;
        double hi = (positives + 1.0) / (positives + 2.0), lo = 1.0 / (negatives + 2.0);
        var x = rows.Select(i => Logit(p[i])).ToArray();
        var t = rows.Select(i => outcome[i] ? hi : lo).ToArray();
        // Newton's method with backtracking line search, as Lin, Lin & Weng (2007) make Platt's fit robust.
        double a = 1, b = 0, loss = Loss(x, t, a, b);
        for (int iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
            for (int k = 0; k < x.Length; k++)
            {
                double q = 1 / (1 + Math.Exp(-(a * x[k] + b)));
                double r = q - t[k], w = q * (1 - q);
                ga += r * x[k]; gb += r;
                haa += w * x[k] * x[k]; hab += w * x[k]; hbb += w;
            }
            if (Math.Abs(ga) < 1e-9 && Math.Abs(gb) < 1e-9) break;
            double det = haa * hbb - hab * hab;
            if (!(det > 0)) break;
            double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
            double step = 1;
            while (step > 1e-10)
            {
                double trial = Loss(x, t, a - step * da, b - step * db);
                if (trial < loss - 1e-4 * step * (ga * da + gb * db)) { a -= step * da; b -= step * db; loss = trial; break; }
                step /= 2;
            }
            if (step <= 1e-10) break;
        }
        return double.IsFinite(a) && double.IsFinite(b) ? new PlattCalibration(a, b) : Identity;
    }

    /// <summary>Cross-entropy of targets t under p = sigmoid(a x + b), in the overflow-free form.</summary>
    private static double Loss(double[] x, double[] t, double a, double b)
    {
        double sum = 0;
        for (int k = 0; k < x.Length; k++)
        {
            double z = a * x[k] + b;
            sum += z >= 0 ? (1 - t[k]) * z + Math.Log(1 + Math.Exp(-z)) : -t[k] * z + Math.Log(1 + Math.Exp(z));
        }
        return sum;
    }

    private static double Logit(double p)
    {
        double c = Math.Clamp(p, 1e-6, 1 - 1e-6);
        return Math.Log(c / (1 - c));
    }
}
