using System.Runtime.CompilerServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace GisBridge.Algorithms.Regions;

/// <summary>Criterion used to choose k over a range.</summary>
public enum ClusterCriterion
{
    /// <summary>Mean silhouette, higher is better.</summary>
    Silhouette,
    /// <summary>Calinski-Harabasz index, higher is better.</summary>
    CalinskiHarabasz,
    /// <summary>Bayesian information criterion of a Gaussian mixture, lower is better (mixture only).</summary>
    Bic,
}

/// <summary>Options of <see cref="KMeansClustering"/>.</summary>
public sealed record KMeansOptions
{
    /// <summary>Fixed number of clusters; null = choose over [<see cref="KMin"/>, <see cref="KMax"/>].</summary>
    public int? K { get; init; }
    /// <summary>Smallest k tried when choosing. Default 2.</summary>
    public int KMin { get; init; } = 2;
    /// <summary>Largest k tried when choosing. Default 10.</summary>
    public int KMax { get; init; } = 10;
    /// <summary>Criterion used to choose k. Default silhouette.</summary>
    public ClusterCriterion Criterion { get; init; } = ClusterCriterion.Silhouette;
    /// <summary>Independent k-means++ starts per k. Default 10 (as scikit-learn 1.2's n_init). The start kept is the
    /// best by the criterion: the highest silhouette for <see cref="ClusterCriterion.Silhouette"/> (so the partition
    /// reported is the one the criterion judged), the lowest within-cluster sum of squares otherwise (which is also
    /// the highest Calinski-Harabasz for a fixed k). Above <see cref="SilhouetteSampleSize"/> rows the start is
    /// always chosen by the lowest within-cluster sum of squares (scikit-learn's rule) and silhouette is scored once
    /// per k, so a large table costs one sampled silhouette per k, not one per start.</summary>
    public int Restarts { get; init; } = 10;
    /// <summary>Maximum Lloyd iterations per start. Default 300.</summary>
    public int MaxIterations { get; init; } = 300;
    /// <summary>Silhouette scored on a random subsample of this many rows (seeded by <see cref="Seed"/>, as
    /// scikit-learn's <c>silhouette_score(sample_size=...)</c>) when there are more rows; exact below. Default 10,000.</summary>
    public int SilhouetteSampleSize { get; init; } = ClusterQuality.DefaultSilhouetteSampleSize;
    public int Seed { get; init; } = 42;
}

/// <summary>One point of the model-selection curve (Inertia: k-means within-cluster sum of squares; Bic: mixture
/// only, NaN otherwise).</summary>
public sealed record ClusterCurvePoint(int K, double Silhouette, double CalinskiHarabasz, double Inertia, double Bic = double.NaN);

/// <summary>A clustering of the rows of a feature matrix.</summary>
public sealed record ClusteringResult(
    string Method,
    /// <summary>Cluster of each matrix row, 0-based; -1 = noise (DBSCAN only).</summary>
    int[] Labels,
    /// <summary>Membership score of each row in 0..1 (k-means: fuzzy membership 1/d²-weighted; mixture: posterior
    /// probability; DBSCAN: 1 core, 0.5 border, 0 noise).</summary>
    double[] Membership,
    int ClusterCount,
    /// <summary>Model-selection curve (empty when k was fixed or the method has no k).</summary>
    IReadOnlyList<ClusterCurvePoint> Curve,
    double Silhouette,
    double CalinskiHarabasz);

/// <summary>K-means clustering by Microsoft.ML's <see cref="KMeansTrainer"/> (k-means++ initialisation), with k
/// chosen by silhouette or Calinski-Harabasz over a range when not given.</summary>
public static class KMeansClustering
{
    public static ClusteringResult Cluster(FeatureMatrix matrix, KMeansOptions options, IProgress<double>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(options);
        var points = matrix.Rows;
        int kMin = options.K ?? options.KMin, kMax = options.K ?? options.KMax;
        if (kMin < 2) throw new ArgumentException($"k must be at least 2 (got {kMin})", nameof(options));
        if (kMax < kMin) throw new ArgumentException($"k range {kMin}-{kMax} is empty", nameof(options));
        if (points.Length <= kMin)
            throw new ArgumentException($"too few samples for k = {kMin}: {points.Length} rows with all features " +
                "(need more rows than clusters)", nameof(matrix));
        if (options.Restarts < 1) throw new ArgumentException("restarts must be >= 1", nameof(options));
        if (options.Criterion == ClusterCriterion.Bic)
            throw new ArgumentException("the BIC criterion applies to the Gaussian mixture only; k-means uses " +
                "silhouette or calinski-harabasz", nameof(options));
        kMax = Math.Min(kMax, points.Length - 1);

        var curve = new List<ClusterCurvePoint>();
        (int[] Labels, double[] Membership, double Silhouette, double Ch, double Score)? best = null;
        for (int k = kMin; k <= kMax; k++)
        {
            cancellation.ThrowIfCancellationRequested();
            var (labels, membership, inertia) = Fit(points, k, options,
                options.Criterion == ClusterCriterion.Silhouette && points.Length <= options.SilhouetteSampleSize
                    ? l => Silhouette(points, Compact(l), options) : null);
            var compact = Compact(labels);
            bool valid = compact.Max() >= 1;
            double sil = valid ? Silhouette(points, compact, options) : double.NaN;
            double ch = valid ? ClusterQuality.CalinskiHarabasz(points, compact) : double.NaN;
            curve.Add(new ClusterCurvePoint(k, sil, ch, inertia));
            double score = options.Criterion == ClusterCriterion.Silhouette ? sil : ch;
            if (valid && (best is null || score > best.Value.Score)) best = (compact, membership, sil, ch, score);
            progress?.Report((double)(k - kMin + 1) / (kMax - kMin + 1));
        }
        if (best is null) throw new ArgumentException("k-means found fewer than 2 distinct clusters (identical rows?)", nameof(matrix));
        var b = best.Value;
        return new ClusteringResult("kmeans", b.Labels, b.Membership, b.Labels.Max() + 1,
            options.K is null ? curve : [], b.Silhouette, b.Ch);
    }

    private static double Silhouette(double[][] points, int[] labels, KMeansOptions o) =>
        ClusterQuality.SampledSilhouette(points, labels, o.SilhouetteSampleSize, o.Seed);

    /// <summary>The best of <see cref="KMeansOptions.Restarts"/> ML.NET k-means fits for one k: highest
    /// <paramref name="score"/> when given, else lowest inertia (ties: the earlier start). The starts run side by
    /// side, each single-threaded with its own seed, so the result does not depend on the number of cores (ML.NET's
    /// own multi-threaded training is not deterministic). Membership is computed for the start kept only.</summary>
    internal static (int[] Labels, double[] Membership, double Inertia) Fit(double[][] points, int k, KMeansOptions options,
        Func<int[], double>? score = null)
    {
        int d = points[0].Length;
        var schema = SchemaDefinition.Create(typeof(VectorRow));
        schema[nameof(VectorRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, d);
        var rows = points.Select(p => new VectorRow { Features = p.Select(v => (float)v).ToArray() }).ToArray();
        var fits = new Start[options.Restarts];
        Parallel.For(0, options.Restarts, r => fits[r] = FitOnce(points, rows, schema, k, options, options.Seed + 7919 * r));
        Start? best = null;
        double bestScore = double.NegativeInfinity;
        foreach (var fit in fits)
        {
            if (score is null)
            {
                if (best is null || fit.Inertia < best.Inertia) best = fit;
            }
            else if (fit.Labels.Distinct().Count() >= 2 && score(fit.Labels) is var value && (best is null || value > bestScore))
            {
                best = fit;
                bestScore = value;
            }
            else best ??= fit;
        }
        return (best!.Labels, Membership(points, best.Centroids, best.Labels), best.Inertia);
    }

    /// <summary>One k-means start: its centroids, the nearest centroid of each row and the within-cluster sum of squares.</summary>
    private sealed record Start(double[][] Centroids, int[] Labels, double Inertia);

    /// <summary>One ML.NET k-means++ fit; labels are the nearest of its centroids (what its PredictedLabel
    /// column gives), computed here from the centroids instead of through a Transform pass.</summary>
    private static Start FitOnce(double[][] points, VectorRow[] rows, SchemaDefinition schema, int k, KMeansOptions options, int seed)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var trainer = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = nameof(VectorRow.Features),
            NumberOfClusters = k,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            MaximumNumberOfIterations = options.MaxIterations,
            OptimizationTolerance = 1e-7f,
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(data).Model;
        VBuffer<float>[] centroidBuffers = [];
        model.GetClusterCentroids(ref centroidBuffers, out int found);
        var centroids = centroidBuffers.Take(found).Select(c => c.DenseValues().Select(v => (double)v).ToArray()).ToArray();
        var (labels, inertia) = Nearest(points, centroids);
        return new Start(centroids, labels, inertia);
    }

    /// <summary>The nearest centroid of each row and the sum of the squared distances to it. Optimised from the first
    /// call: it runs once per start over every row, too few times for tiered compilation to reach it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int[] Labels, double Inertia) Nearest(double[][] points, double[][] centroids)
    {
        var labels = new int[points.Length];
        double inertia = 0;
        for (int i = 0; i < points.Length; i++)
        {
            int nearest = 0;
            double nearestDistance = ClusterQuality.SquaredDistance(points[i], centroids[0]);
            for (int c = 1; c < centroids.Length; c++)
            {
                double distance = ClusterQuality.SquaredDistance(points[i], centroids[c]);
                if (distance < nearestDistance) (nearest, nearestDistance) = (c, distance);
            }
            labels[i] = nearest;
            inertia += nearestDistance;
        }
        return (labels, inertia);
    }

    private static double[] Membership(double[][] points, double[][] centroids, int[] labels)
    {
        var membership = new double[points.Length];
        var distances = new double[centroids.Length];
        for (int i = 0; i < points.Length; i++)
        {
            for (int c = 0; c < centroids.Length; c++) distances[c] = ClusterQuality.SquaredDistance(points[i], centroids[c]);
            membership[i] = FuzzyMembership(distances, labels[i]);
        }
        return membership;
    }

    /// <summary>Fuzzy c-means style membership (m = 2) of the assigned cluster: (1/d²_own) / Σ_c (1/d²_c).</summary>
    private static double FuzzyMembership(double[] squaredDistances, int own)
    {
        if (squaredDistances[own] <= 1e-12) return 1.0;
        double sum = 0;
        foreach (double s in squaredDistances) sum += 1.0 / Math.Max(s, 1e-12);
        return 1.0 / squaredDistances[own] / sum;
    }

    /// <summary>Renumbers labels 0..m-1 in order of first use (empty clusters removed).</summary>
    internal static int[] Compact(int[] labels)
    {
        var map = new Dictionary<int, int>();
        return labels.Select(l => l < 0 ? -1 : map.TryGetValue(l, out var m) ? m : map[l] = map.Count).ToArray();
    }

    private sealed class VectorRow
    {
        public float[] Features { get; set; } = [];
    }
}
