using System.Diagnostics;
using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Regions;

namespace GisBridge.Bench.Regions;

/// <summary>Issue 17 scale benchmark: k-means + sampled silhouette of 100,000 x 30 synthetic blobs (8 Gaussian
/// clusters, per-cluster spread 1-3, seed 17), timed in-process; bench/scale_vs_sklearn.py does the same with
/// scikit-learn on the same matrix and compares time and silhouette (on the same subsample).</summary>
internal static class ScaleBench
{
    public const int Rows = 100_000, Dimension = 30, Blobs = 8;

    public static void Run(string outDir, int k)
    {
        Directory.CreateDirectory(outDir);
        var x = Blobs8(Rows, Dimension);
        var matrixPath = Path.Combine(outDir, "scale_matrix.csv");
        using (var w = new StreamWriter(matrixPath))
        {
            w.WriteLine(string.Join(",", Enumerable.Range(0, Dimension).Select(j => $"f{j}")));
            foreach (var r in x) w.WriteLine(string.Join(",", r.Select(v => v.ToString("G9"))));
        }
        var matrix = FeatureMatrix.FromRows(x, Enumerable.Range(0, Dimension).Select(j => $"f{j}").ToArray());
        // Load libtorch (the silhouette's BLAS) before the clock starts, as the Python side imports scikit-learn and
        // numpy before its clock: a running server has loaded it once, at its first call.
        var load = Stopwatch.StartNew();
        TorchSharp.torch.zeros(1).Dispose();
        Console.WriteLine($"gisbridge_libtorch_load_s={load.Elapsed.TotalSeconds:F2}");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var result = KMeansClustering.Cluster(matrix, new KMeansOptions { K = k, Restarts = 10, Seed = 1 });
        sw.Stop();
        var kmeansCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        File.WriteAllLines(Path.Combine(outDir, "scale_labels.csv"), result.Labels.Select(l => l.ToString()));
        Console.WriteLine($"gisbridge_kmeans_silhouette_s={sw.Elapsed.TotalSeconds:F2}");
        // CPU seconds of the process (all threads): comparable with the peer's when the machine is loaded.
        Console.WriteLine($"gisbridge_kmeans_silhouette_cpu_s={kmeansCpu.TotalSeconds:F2}");
        Console.WriteLine($"gisbridge_silhouette_own_sample={result.Silhouette:F4}");
        Console.WriteLine($"gisbridge_clusters={result.ClusterCount}");
        sw.Restart();
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        ClusterQuality.SampledSilhouette(x, result.Labels, ClusterQuality.DefaultSilhouetteSampleSize, 1);
        Console.WriteLine($"gisbridge_sampled_silhouette_alone_s={sw.Elapsed.TotalSeconds:F2}");
        Console.WriteLine($"gisbridge_sampled_silhouette_alone_cpu_s={(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2}");
        // The classifier at the same scale (issue 17 item 5): the default trainer learns "blob 0-3 or 4-7" from the
        // 30 features of all 100,000 rows, then predicts them.
        var table = new SampleTable(Rows);
        var features = Enumerable.Range(0, Dimension).Select(j => $"f{j}").ToList();
        for (int j = 0; j < Dimension; j++) table.SetNumeric(features[j], x.Select(r => r[j]).ToArray());
        table.SetNumeric("group", result.Labels.Select(l => (double)(l < Blobs / 2 ? 1 : 0)).ToArray());
        sw.Restart();
        var model = AnomalyClassifier.Train(table, "group", features, new ClassifierOptions());
        double train = sw.Elapsed.TotalSeconds;
        var predicted = model.Predict(x.Select(r => r.Select(v => (float)v).ToArray()).ToList());
        Console.WriteLine($"gisbridge_classifier_train_s={train:F2}");
        Console.WriteLine($"gisbridge_classifier_train_and_predict_s={sw.Elapsed.TotalSeconds:F2}");
        Console.WriteLine($"gisbridge_classifier_predicted_rows={predicted.PredictedClass.Count(p => p >= 0)}");
    }

    private static double[][] Blobs8(int n, int d)
    {
        var random = new Random(17);
        var centres = Enumerable.Range(0, Blobs).Select(_ => Enumerable.Range(0, d).Select(_ => random.NextDouble() * 20 - 10).ToArray()).ToArray();
        var spread = Enumerable.Range(0, Blobs).Select(c => 1.0 + 2.0 * c / (Blobs - 1)).ToArray();
        return Enumerable.Range(0, n).Select(i =>
        {
            int c = random.Next(Blobs);
            return centres[c].Select(m => m + spread[c] * Gaussian(random)).ToArray();
        }).ToArray();
    }

    private static double Gaussian(Random r) =>
        Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}
