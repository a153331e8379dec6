using System.Diagnostics;
using GisBridge.Algorithms.Regions;
using GisBridge.Algorithms.Tests.Regions;

namespace GisBridge.Bench.Regions;

/// <summary>Writes the scaled feature matrix of the Gale 2013 samples and the ML.NET k-means silhouette per k;
/// bench/kmeans_vs_sklearn.py clusters the same matrix with scikit-learn and compares.</summary>
internal static class KMeansBench
{
    public static readonly string[] Features = ["delta_8_4", "delta_7_4", "delta_sr", "eps_nd", "la_sm", "sm_yb", "nb_zr"];

    private static double Inertia(double[][] x, int[] labels, int k)
    {
        double total = 0;
        for (int c = 0; c < k; c++)
        {
            var members = x.Where((_, i) => labels[i] == c).ToArray();
            var mean = Enumerable.Range(0, x[0].Length).Select(j => members.Average(r => r[j])).ToArray();
            total += members.Sum(r => r.Select((v, j) => (v - mean[j]) * (v - mean[j])).Sum());
        }
        return total;
    }

    public static void Run(string outDir)
    {
        Directory.CreateDirectory(outDir);
        var table = GaleTestData.Table;
        var m = FeatureMatrixBuilder.Build(table, new FeatureMatrixOptions { Features = Features });
        using (var w = new StreamWriter(Path.Combine(outDir, "kmeans_matrix.csv")))
        {
            w.WriteLine(string.Join(",", m.Names));
            foreach (var r in m.Rows) w.WriteLine(string.Join(",", r.Select(v => v.ToString("R"))));
        }
        using var res = new StreamWriter(Path.Combine(outDir, "kmeans_mlnet.csv"));
        res.WriteLine("k,silhouette,calinski_harabasz,inertia,seconds");
        Console.WriteLine($"{m.Rows.Length} samples x {m.Dimension} features ({string.Join(", ", m.Names)}), robust-scaled");
        for (int k = 2; k <= 10; k++)
        {
            var sw = Stopwatch.StartNew();
            var r = KMeansClustering.Cluster(m, new KMeansOptions { K = k, Restarts = 10, Seed = 1 });
            sw.Stop();
            double inertia = Inertia(m.Rows, r.Labels, r.ClusterCount);
            res.WriteLine($"{k},{r.Silhouette:R},{r.CalinskiHarabasz:R},{inertia:R},{sw.Elapsed.TotalSeconds:F2}");
            Console.WriteLine($"k={k}: ML.NET silhouette {r.Silhouette:F4}, CH {r.CalinskiHarabasz:F1}, inertia {inertia:F1} ({sw.Elapsed.TotalSeconds:F1} s)");
        }
    }
}
