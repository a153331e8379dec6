using GisBridge.Algorithms.Common;
using System.Numerics;
using System.Runtime.InteropServices;
using TorchSharp;

namespace GisBridge.Algorithms.Regions;

/// <summary>Internal cluster-validity criteria on a feature matrix and a labelling (label &lt; 0 = noise, ignored).</summary>
public static class ClusterQuality
{
    /// <summary>Rows above which the clusterings score silhouette on a seeded random subsample of this size.</summary>
    public const int DefaultSilhouetteSampleSize = 10_000;

    /// <summary>Mean silhouette (Rousseeuw 1987) over the labelled points, Euclidean distance; a point alone in
    /// its cluster scores 0 (the scikit-learn convention). Range -1..1, higher is better. O(n^2).</summary>
    public static double Silhouette(IReadOnlyList<double[]> points, IReadOnlyList<int> labels)
    {
        var (idx, k) = Check(points, labels);
        var perPoint = SilhouetteValues(points, labels, idx, k);
        return perPoint.Average();
    }

    /// <summary>Mean silhouette of a random subsample of <paramref name="sampleSize"/> labelled points (drawn without
    /// replacement with <paramref name="seed"/>), distances within the subsample only: scikit-learn's
    /// <c>silhouette_score(sample_size=...)</c>. Exact <see cref="Silhouette"/> when there are no more labelled
    /// points than the sample size. O(sampleSize^2), so it bounds the cost on large tables.</summary>
    public static double SampledSilhouette(IReadOnlyList<double[]> points, IReadOnlyList<int> labels, int sampleSize, int seed)
    {
        if (sampleSize < 2) throw new ArgumentException($"silhouette sample size must be >= 2 (got {sampleSize})", nameof(sampleSize));
        var (idx, _) = Check(points, labels);
        if (idx.Length <= sampleSize) return Silhouette(points, labels);
        var random = new Random(seed);
        var pick = (int[])idx.Clone();
        // Partial Fisher-Yates: the first sampleSize entries are a uniform sample without replacement.
        for (int t = 0; t < sampleSize; t++)
        {
            int u = random.Next(t, pick.Length);
            (pick[t], pick[u]) = (pick[u], pick[t]);
        }
        var chosen = pick.Take(sampleSize).ToArray();
        var subPoints = chosen.Select(i => points[i]).ToArray();
        var subLabels = KMeansClustering.Compact(chosen.Select(i => labels[i]).ToArray());
        if (subLabels.Max() < 1) return 0; // the sample drew a single cluster
        return Silhouette(subPoints, subLabels);
    }

    /// <summary>Silhouette value of each labelled point (NaN for noise points).</summary>
    public static double[] SilhouetteSamples(IReadOnlyList<double[]> points, IReadOnlyList<int> labels)
    {
        var (idx, k) = Check(points, labels);
        var values = SilhouetteValues(points, labels, idx, k);
        var all = Enumerable.Repeat(double.NaN, points.Count).ToArray();
        for (int t = 0; t < idx.Length; t++) all[idx[t]] = values[t];
        return all;
    }

    /// <summary>Calinski-Harabasz index: between-cluster over within-cluster dispersion, each divided by its
    /// degrees of freedom. Higher is better.</summary>
    public static double CalinskiHarabasz(IReadOnlyList<double[]> points, IReadOnlyList<int> labels)
    {
        var (idx, k) = Check(points, labels);
        int d = points[0].Length, n = idx.Length;
        var overall = new double[d];
        var means = new double[k][];
        var counts = new int[k];
        for (int c = 0; c < k; c++) means[c] = new double[d];
        foreach (int i in idx)
        {
            counts[labels[i]]++;
            for (int j = 0; j < d; j++) { means[labels[i]][j] += points[i][j]; overall[j] += points[i][j]; }
        }
        for (int j = 0; j < d; j++) overall[j] /= n;
        for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) means[c][j] /= Math.Max(1, counts[c]);
        double between = 0, within = 0;
        for (int c = 0; c < k; c++) between += counts[c] * SquaredDistance(means[c], overall);
        foreach (int i in idx) within += SquaredDistance(points[i], means[labels[i]]);
        int used = counts.Count(c => c > 0);
        if (within == 0) return double.PositiveInfinity;
        return between / (used - 1) / (within / (n - used));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static double SquaredDistance(double[] a, double[] b)
    {
        int j = 0;
        double s = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a.AsSpan());
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b.AsSpan(0, a.Length));
            var acc = Vector<double>.Zero;
            for (int v = 0; v < va.Length; v++) { var t = va[v] - vb[v]; acc += t * t; }
            s = Vector.Sum(acc);
            j = va.Length * Vector<double>.Count;
        }
        for (; j < a.Length; j++) { double t = a[j] - b[j]; s += t * t; }
        return s;
    }

    /// <summary>Per-point silhouette from the sums of distances to each cluster. The distances come from the Gram
    /// form ||a||² + ||b||² - 2ab in row blocks (BLAS, as scikit-learn's pairwise_distances and torch.cdist), written
    /// into one block buffer reused for every block (a fresh 64 MB block each time costs its page faults again), and
    /// are summed per cluster by one matrix product with the one-hot labels, so memory stays at one block.</summary>
    private static double[] SilhouetteValues(IReadOnlyList<double[]> points, IReadOnlyList<int> labels, int[] idx, int k)
    {
        int n = idx.Length, d = points[0].Length;
        var flat = new double[(long)n * d];
        var own = new long[n];
        var counts = new int[k];
        for (int t = 0; t < n; t++)
        {
            points[idx[t]].AsSpan().CopyTo(flat.AsSpan(t * d, d));
            own[t] = labels[idx[t]];
            counts[labels[idx[t]]]++;
        }
        var sums = new double[(long)n * k];
        using (torch.NewDisposeScope())
        {
            var x = torch.tensor(flat, n, d);
            var xT = x.t();
            var squaredNorms = x.Squared().sum(1);
            var columnNorms = squaredNorms.unsqueeze(0);
            var oneHot = torch.nn.functional.one_hot(torch.tensor(own), k).to(torch.float64);
            int block = Math.Max(1, Math.Min(n, BlockCells / n));
            var buffer = torch.empty(block, n, torch.float64);
            for (int start = 0; start < n; start += block)
            {
                int rows = Math.Min(block, n - start);
                using var distances = buffer.narrow(0, 0, rows);
                distances.addmm_(x.narrow(0, start, rows), xT, beta: 0, alpha: -2);
                distances.PlusInPlace(squaredNorms.narrow(0, start, rows).unsqueeze(1)).PlusInPlace(columnNorms).AtLeastInPlace(0).sqrt_();
                distances.diagonal(start).zero_(); // a point's distance to itself is 0, not the rounding of the Gram form
                using var perCluster = distances.mm(oneHot);
                perCluster.data<double>().CopyTo(sums, checked(start * k));
            }
        }
        var result = new double[n];
        for (int t = 0; t < n; t++)
        {
            int c = (int)own[t];
            if (counts[c] <= 1) { result[t] = 0; continue; }
            double a = sums[(long)t * k + c] / (counts[c] - 1);
            double b = double.PositiveInfinity;
            for (int o = 0; o < k; o++)
                if (o != c && counts[o] > 0) b = Math.Min(b, sums[(long)t * k + o] / counts[o]);
            double m = Math.Max(a, b);
            result[t] = m > 0 ? (b - a) / m : 0;
        }
        return result;
    }

    /// <summary>Distances held at once while scoring silhouette (2 M doubles = 16 MB). The passes after the product
    /// (norms, square root, per-cluster sums) are memory-bound, and they ran faster on this block than on 64 MB ones.</summary>
    private const int BlockCells = 2 << 20;

    /// <summary>Indices of labelled points and the number of label values; needs >= 2 clusters and n > k.</summary>
    private static (int[] Indices, int K) Check(IReadOnlyList<double[]> points, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        if (points.Count != labels.Count)
            throw new ArgumentException($"{points.Count} points but {labels.Count} labels", nameof(labels));
        var idx = Enumerable.Range(0, points.Count).Where(i => labels[i] >= 0).ToArray();
        int k = idx.Length == 0 ? 0 : idx.Max(i => labels[i]) + 1;
        int distinct = idx.Select(i => labels[i]).Distinct().Count();
        if (distinct < 2)
            throw new ArgumentException($"cluster quality needs at least 2 clusters (got {distinct})", nameof(labels));
        if (idx.Length <= distinct)
            throw new ArgumentException($"cluster quality needs more points ({idx.Length}) than clusters ({distinct})", nameof(labels));
        return (idx, k);
    }
}
