namespace GisBridge.Algorithms.Regions;

/// <summary>Options of <see cref="GaussianMixture"/>.</summary>
public sealed record GaussianMixtureOptions
{
    /// <summary>Fixed number of components; null = choose over [<see cref="KMin"/>, <see cref="KMax"/>].</summary>
    public int? K { get; init; }
    public int KMin { get; init; } = 2;
    public int KMax { get; init; } = 10;
    /// <summary>Criterion used to choose k. Default BIC (lower is better); silhouette / Calinski-Harabasz also allowed.</summary>
    public ClusterCriterion Criterion { get; init; } = ClusterCriterion.Bic;
    /// <summary>Added to every covariance diagonal so that no component collapses on a point. Default 1e-4
    /// (features are robust-scaled, so this is tiny against their spread).</summary>
    public double Regularization { get; init; } = 1e-4;
    public int MaxIterations { get; init; } = 200;
    /// <summary>EM starts per k: the first from the ML.NET k-means partition, the others from random
    /// responsibilities (k-means cuts elongated groups across; a random start can escape that). The start with the
    /// highest likelihood is kept. Default 5.</summary>
    public int Restarts { get; init; } = 5;
    /// <summary>EM stops when the mean log-likelihood gains less than this. Default 1e-6.</summary>
    public double Tolerance { get; init; } = 1e-6;
    public int Seed { get; init; } = 42;
}

/// <summary>Gaussian mixture with full covariances fitted by expectation-maximisation, initialised from the
/// ML.NET k-means partition. Written here because no available .NET package (ML.NET, NTS) provides a mixture model.
/// Membership = posterior probability of the assigned component; handles elongated, non-spherical groups.</summary>
public static class GaussianMixture
{
    public static ClusteringResult Cluster(FeatureMatrix matrix, GaussianMixtureOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(options);
        var x = matrix.Rows;
        int kMin = options.K ?? options.KMin, kMax = options.K ?? options.KMax;
        if (kMin < 2) throw new ArgumentException($"k must be at least 2 (got {kMin})", nameof(options));
        if (kMax < kMin) throw new ArgumentException($"k range {kMin}-{kMax} is empty", nameof(options));
        int d = matrix.Dimension;
        if (x.Length <= kMin)
            throw new ArgumentException($"too few samples for k = {kMin}: {x.Length} rows with all features", nameof(matrix));
        kMax = Math.Min(kMax, x.Length - 1);

        var curve = new List<ClusterCurvePoint>();
        (int[] Labels, double[] Membership, double Sil, double Ch, double Score)? best = null;
        for (int k = kMin; k <= kMax; k++)
        {
            cancellation.ThrowIfCancellationRequested();
            var (resp, logLik) = Fit(x, k, options, cancellation);
            int[] labels = KMeansClustering.Compact(resp.Select(ArgMax).ToArray());
            var membership = resp.Select(r => r.Max()).ToArray();
            int parameters = (k - 1) + k * d + k * d * (d + 1) / 2;
            double bic = -2 * logLik + parameters * Math.Log(x.Length);
            bool valid = labels.Max() >= 1;
            double sil = valid ? ClusterQuality.Silhouette(x, labels) : double.NaN;
            double ch = valid ? ClusterQuality.CalinskiHarabasz(x, labels) : double.NaN;
            curve.Add(new ClusterCurvePoint(k, sil, ch, double.NaN, bic));
            double score = options.Criterion switch
            {
                ClusterCriterion.Bic => -bic,
                ClusterCriterion.Silhouette => sil,
                _ => ch,
            };
            if (valid && (best is null || score > best.Value.Score)) best = (labels, membership, sil, ch, score);
        }
        if (best is null) throw new ArgumentException("the mixture found fewer than 2 distinct clusters", nameof(matrix));
        var b = best.Value;
        return new ClusteringResult("gmm", b.Labels, b.Membership, b.Labels.Max() + 1, options.K is null ? curve : [], b.Sil, b.Ch);
    }

    /// <summary>Best of the EM starts for one k: responsibilities (n x k) and the total log-likelihood.</summary>
    internal static (double[][] Responsibilities, double LogLikelihood) Fit(double[][] x, int k, GaussianMixtureOptions o,
        CancellationToken cancellation)
    {
        if (o.Restarts < 1) throw new ArgumentException($"mixture restarts must be >= 1 (got {o.Restarts})", nameof(o));
        int n = x.Length;
        var random = new Random(o.Seed);
        (double[][], double)? best = null;
        for (int start = 0; start < o.Restarts; start++)
        {
            var resp = new double[n][];
            if (start == 0)
            {
                var init = KMeansClustering.Fit(x, k, new KMeansOptions { K = k, Restarts = 3, Seed = o.Seed });
                for (int i = 0; i < n; i++) { resp[i] = new double[k]; resp[i][init.Labels[i]] = 1; }
            }
            else
                for (int i = 0; i < n; i++)
                {
                    resp[i] = Enumerable.Range(0, k).Select(_ => random.NextDouble()).ToArray();
                    double s = resp[i].Sum();
                    for (int c = 0; c < k; c++) resp[i][c] /= s;
                }
            var fit = RunEm(x, resp, k, o, cancellation);
            if (best is null || fit.LogLikelihood > best.Value.Item2) best = fit;
        }
        return best!.Value;
    }

    private static (double[][] Responsibilities, double LogLikelihood) RunEm(double[][] x, double[][] resp, int k,
        GaussianMixtureOptions o, CancellationToken cancellation)
    {
        int n = x.Length;
        double previous = double.NegativeInfinity, logLik = double.NegativeInfinity;
        for (int iter = 0; iter < o.MaxIterations; iter++)
        {
            cancellation.ThrowIfCancellationRequested();
            var (weights, means, cholesky) = MStep(x, resp, k, o.Regularization);
            logLik = EStep(x, weights, means, cholesky, resp);
            if (logLik / n - previous / n < o.Tolerance) break;
            previous = logLik;
        }
        return (resp, logLik);
    }

    private static (double[] Weights, double[][] Means, double[][,] Cholesky) MStep(double[][] x, double[][] resp, int k, double reg)
    {
        int n = x.Length, d = x[0].Length;
        var weights = new double[k];
        var means = new double[k][];
        var chol = new double[k][,];
        for (int c = 0; c < k; c++)
        {
            double nk = 0;
            var mean = new double[d];
            for (int i = 0; i < n; i++) { nk += resp[i][c]; for (int j = 0; j < d; j++) mean[j] += resp[i][c] * x[i][j]; }
            nk = Math.Max(nk, 1e-10);
            for (int j = 0; j < d; j++) mean[j] /= nk;
            var cov = new double[d, d];
            for (int i = 0; i < n; i++)
            {
                double r = resp[i][c];
                if (r < 1e-12) continue;
                for (int a = 0; a < d; a++)
                    for (int b = 0; b <= a; b++) cov[a, b] += r * (x[i][a] - mean[a]) * (x[i][b] - mean[b]);
            }
            for (int a = 0; a < d; a++) { for (int b = 0; b <= a; b++) cov[a, b] /= nk; cov[a, a] += reg; }
            weights[c] = nk / n; means[c] = mean; chol[c] = CholeskyLower(cov, d);
        }
        return (weights, means, chol);
    }

    /// <summary>Fills the responsibilities and returns the log-likelihood (log-sum-exp per point).</summary>
    private static double EStep(double[][] x, double[] weights, double[][] means, double[][,] chol, double[][] resp)
    {
        int n = x.Length, d = x[0].Length, k = weights.Length;
        var logDet = new double[k];
        for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) logDet[c] += 2 * Math.Log(chol[c][j, j]);
        double total = 0;
        var z = new double[d];
        for (int i = 0; i < n; i++)
        {
            var lp = resp[i];
            for (int c = 0; c < k; c++)
            {
                // Mahalanobis distance by forward substitution L z = x - mean.
                double m = 0;
                for (int a = 0; a < d; a++)
                {
                    double s = x[i][a] - means[c][a];
                    for (int b = 0; b < a; b++) s -= chol[c][a, b] * z[b];
                    z[a] = s / chol[c][a, a];
                    m += z[a] * z[a];
                }
                lp[c] = Math.Log(Math.Max(weights[c], 1e-300)) - 0.5 * (d * Math.Log(2 * Math.PI) + logDet[c] + m);
            }
            double max = lp.Max(), sum = 0;
            for (int c = 0; c < k; c++) sum += Math.Exp(lp[c] - max);
            double lse = max + Math.Log(sum);
            total += lse;
            for (int c = 0; c < k; c++) lp[c] = Math.Exp(lp[c] - lse);
        }
        return total;
    }

    /// <summary>Lower Cholesky factor of the symmetric matrix whose lower triangle is given.</summary>
    internal static double[,] CholeskyLower(double[,] a, int d)
    {
        var l = new double[d, d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = a[i, j];
                for (int m = 0; m < j; m++) s -= l[i, m] * l[j, m];
                if (i == j) l[i, i] = Math.Sqrt(Math.Max(s, 1e-12));
                else l[i, j] = s / l[j, j];
            }
        return l;
    }

    private static int ArgMax(double[] v)
    {
        int best = 0;
        for (int i = 1; i < v.Length; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
