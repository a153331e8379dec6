namespace GisBridge.Algorithms.Isotopes;

/// <summary>One end-member: its isotope ratios and, optionally, the concentration (ppm) of each ratio's element
/// (Sr for 87Sr/86Sr, Nd for 143Nd/144Nd, Pb for the Pb ratios); NaN concentration = mix that ratio linearly.</summary>
public sealed record EndMember(string Name, double[] Ratios, double[] Concentrations);

/// <summary>Proportions of each end-member in one sample (>= 0, summing to 1), the misfit (root mean square of the
/// ratio residuals, each scaled by the spread of that ratio among the end-members) and the ratios used.</summary>
public sealed record MixtureFit(double[] Proportions, double Misfit, int RatiosUsed);

/// <summary>
/// Least-squares mixture of end-members on the isotope ratios a sample has. With element concentrations the mixed
/// ratio is R = Σ f_e C_e R_e / Σ f_e C_e; multiplying through by Σ f_e C_e makes the condition linear in f,
/// Σ f_e C_e (R_e - r) = 0, which is what is minimised (scaled per ratio by the mean concentration and the
/// end-member spread); it equals the ratio misfit when concentrations are absent (linear mixing) and at a perfect
/// fit. The simplex constraint is kept by accelerated projected gradient (FISTA with Euclidean projection onto the
/// simplex, Duchi et al. 2008): a 5-variable constrained problem MathNet has no solver for.
/// </summary>
public static class EndMemberMixing
{
    private const int Iterations = 20000;
    private const double StepTolerance = 1e-13;

    public static MixtureFit Fit(IReadOnlyList<EndMember> endMembers, double[] sample)
    {
        ArgumentNullException.ThrowIfNull(endMembers);
        int m = endMembers.Count;
        if (m < 2) throw new ArgumentException("mixing needs at least two end-members");
        int p = sample.Length;
        foreach (var e in endMembers)
            if (e.Ratios.Length != p || e.Concentrations.Length != p)
                throw new ArgumentException($"end-member '{e.Name}' has {e.Ratios.Length} ratios and {e.Concentrations.Length} concentrations, the sample {p}");
        var used = Enumerable.Range(0, p).Where(j => double.IsFinite(sample[j]) && endMembers.All(e => double.IsFinite(e.Ratios[j]))).ToArray();
        if (used.Length == 0) return new MixtureFit(Enumerable.Repeat(double.NaN, m).ToArray(), double.NaN, 0);
        // Rows of A f = 0, one per ratio used.
        var a = new double[used.Length, m];
        for (int k = 0; k < used.Length; k++)
        {
            int j = used[k];
            double spread = endMembers.Max(e => e.Ratios[j]) - endMembers.Min(e => e.Ratios[j]);
            if (!(spread > 0)) spread = 1;
            bool weighted = endMembers.All(e => double.IsFinite(e.Concentrations[j]) && e.Concentrations[j] > 0);
            double meanC = weighted ? endMembers.Average(e => e.Concentrations[j]) : 1;
            for (int e = 0; e < m; e++)
                a[k, e] = (weighted ? endMembers[e].Concentrations[j] / meanC : 1) * (endMembers[e].Ratios[j] - sample[j]) / spread;
        }
        var f = Solve(a, used.Length, m);
        double misfit = Math.Sqrt(used.Sum(j => Math.Pow((Mixed(endMembers, f, j) - sample[j]) /
            Math.Max(1e-300, endMembers.Max(e => e.Ratios[j]) - endMembers.Min(e => e.Ratios[j])), 2)) / used.Length);
        return new MixtureFit(f, misfit, used.Length);
    }

    /// <summary>The ratio j of a mixture with proportions f (concentration-weighted where all are given).</summary>
    public static double Mixed(IReadOnlyList<EndMember> endMembers, double[] f, int j)
    {
        bool weighted = endMembers.All(e => double.IsFinite(e.Concentrations[j]) && e.Concentrations[j] > 0);
        double num = 0, den = 0;
        for (int e = 0; e < endMembers.Count; e++)
        {
            double w = f[e] * (weighted ? endMembers[e].Concentrations[j] : 1);
            num += w * endMembers[e].Ratios[j];
            den += w;
        }
        return num / den;
    }

    private static double[] Solve(double[,] a, int rows, int m)
    {
        // Gradient of |A f|^2 / 2 is A^T A f; its Lipschitz constant is bounded by the Frobenius norm squared.
        var ata = new double[m, m];
        double lipschitz = 0;
        for (int i = 0; i < m; i++)
            for (int k = 0; k < m; k++)
            {
                double s = 0;
                for (int r = 0; r < rows; r++) s += a[r, i] * a[r, k];
                ata[i, k] = s;
                lipschitz += s * s;
            }
        lipschitz = Math.Sqrt(lipschitz);
        var f = Enumerable.Repeat(1.0 / m, m).ToArray();
        if (!(lipschitz > 0)) return f;
        var y = (double[])f.Clone();
        double t = 1;
        var next = new double[m];
        var scratch = new double[m];
        for (int it = 0; it < Iterations; it++)
        {
            for (int i = 0; i < m; i++)
            {
                double g = 0;
                for (int k = 0; k < m; k++) g += ata[i, k] * y[k];
                next[i] = y[i] - g / lipschitz;
            }
            ProjectOntoSimplex(next, scratch);
            double tNext = (1 + Math.Sqrt(1 + 4 * t * t)) / 2, step = 0;
            for (int i = 0; i < m; i++)
            {
                step = Math.Max(step, Math.Abs(next[i] - f[i]));
                y[i] = next[i] + (t - 1) / tNext * (next[i] - f[i]);
                f[i] = next[i];
            }
            t = tNext;
            if (step < StepTolerance) break; // converged far below the precision proportions are read at
        }
        return f;
    }

    /// <summary>Euclidean projection onto {f >= 0, Σ f = 1} (sort-based, Duchi et al. 2008).</summary>
    internal static void ProjectOntoSimplex(double[] v) => ProjectOntoSimplex(v, new double[v.Length]);

    private static void ProjectOntoSimplex(double[] v, double[] u)
    {
        Array.Copy(v, u, v.Length);
        Array.Sort(u);
        Array.Reverse(u);
        double cumulative = 0, theta = 0;
        for (int i = 0; i < u.Length; i++)
        {
            cumulative += u[i];
            double candidate = (cumulative - 1) / (i + 1);
            if (u[i] - candidate > 0) theta = candidate;
        }
        for (int i = 0; i < v.Length; i++) v[i] = Math.Max(0, v[i] - theta);
    }
}
