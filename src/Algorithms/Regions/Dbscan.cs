namespace GisBridge.Algorithms.Regions;

/// <summary>Options of <see cref="Dbscan"/>.</summary>
public sealed record DbscanOptions
{
    /// <summary>Neighbourhood radius in scaled feature units; null = the 90th percentile of each point's distance
    /// to its <see cref="MinPoints"/>-th neighbour (a k-distance knee heuristic).</summary>
    public double? Eps { get; init; }
    /// <summary>Points (including itself) within <see cref="Eps"/> for a core point. Default 5.</summary>
    public int MinPoints { get; init; } = 5;
}

/// <summary>DBSCAN (Ester et al. 1996) in feature space: density-connected groups of any shape, noise = -1.
/// Written here because neither ML.NET nor NTS provides it; brute-force neighbour search (O(n^2)), fine for a
/// few thousand samples.</summary>
public static class Dbscan
{
    public static ClusteringResult Cluster(FeatureMatrix matrix, DbscanOptions options)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(options);
        var x = matrix.Rows;
        int n = x.Length;
        if (options.MinPoints < 2) throw new ArgumentException($"DBSCAN min points must be >= 2 (got {options.MinPoints})", nameof(options));
        if (n <= options.MinPoints)
            throw new ArgumentException($"too few samples for DBSCAN: {n} rows, min points {options.MinPoints}", nameof(matrix));
        double eps = options.Eps ?? DefaultEps(x, options.MinPoints);
        if (!(eps > 0)) throw new ArgumentException($"DBSCAN eps must be > 0 (got {eps})", nameof(options));
        double eps2 = eps * eps;

        var neighbours = new List<int>[n];
        Parallel.For(0, n, i =>
        {
            var list = new List<int>();
            for (int j = 0; j < n; j++) if (ClusterQuality.SquaredDistance(x[i], x[j]) <= eps2) list.Add(j);
            neighbours[i] = list;
        });
        var core = neighbours.Select(l => l.Count >= options.MinPoints).ToArray();
        var labels = Enumerable.Repeat(-1, n).ToArray();
        int cluster = 0;
        for (int i = 0; i < n; i++)
        {
            if (labels[i] >= 0 || !core[i]) continue;
            var queue = new Queue<int>();
            labels[i] = cluster; queue.Enqueue(i);
            while (queue.Count > 0)
            {
                int p = queue.Dequeue();
                if (!core[p]) continue;
                foreach (int q in neighbours[p])
                    if (labels[q] < 0) { labels[q] = cluster; queue.Enqueue(q); }
            }
            cluster++;
        }
        var membership = labels.Select((l, i) => l < 0 ? 0.0 : core[i] ? 1.0 : 0.5).ToArray();
        bool scored = cluster >= 2 && labels.Count(l => l >= 0) > cluster;
        return new ClusteringResult("dbscan", labels, membership, cluster, [],
            scored ? ClusterQuality.Silhouette(x, labels) : double.NaN,
            scored ? ClusterQuality.CalinskiHarabasz(x, labels) : double.NaN);
    }

    private static double DefaultEps(double[][] x, int minPoints)
    {
        var kDist = new double[x.Length];
        Parallel.For(0, x.Length, i =>
        {
            var d = x.Select(o => ClusterQuality.SquaredDistance(x[i], o)).Order().ToArray();
            kDist[i] = Math.Sqrt(d[Math.Min(minPoints - 1, d.Length - 1)]);
        });
        return FeatureMatrixBuilder.Quantile(kDist, 0.9);
    }
}
