using System.Globalization;
using GisBridge.Algorithms.Lithology.Data;
using GisBridge.Algorithms.Lithology.Inference;
using GisBridge.Algorithms.Lithology.Network;
using GisBridge.Server.Lithology;
using static TorchSharp.torch;

namespace GisBridge.Bench;

/// <summary>
/// Does the uncertainty raster point at the wrong pixels? Each tile of a dataset subset is predicted whole (one
/// window) with test-time augmentation and, for a model trained with dropout, with Monte-Carlo dropout; over the
/// labelled pixels it reports the accuracy, the AUROC of the uncertainty as a detector of wrong pixels (0.5 = no
/// better than chance), and the accuracy of the most and the least certain half.
/// Usage: GisBridge.Bench lithology-uncertainty DATASET_DIR MODEL_DIR [--subset test] [--mc 16] [--seed 1]
/// </summary>
public static class LithologyUncertaintyBenchmark
{
    public static int Run(string[] args)
    {
        if (args.Length < 2 || args[0].StartsWith("--") || args[1].StartsWith("--"))
        {
            Console.Error.WriteLine("usage: GisBridge.Bench lithology-uncertainty DATASET_DIR MODEL_DIR [--subset test] [--mc 16] [--seed 1]");
            return 2;
        }
        string? Get(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        string subset = Get("--subset") ?? "test";
        int samples = int.Parse(Get("--mc") ?? "16", CultureInfo.InvariantCulture);
        var tiles = DatasetFolder.Read(args[0]).Subset(subset);
        using var model = LithologyFiles.ReadModel(args[1], "cpu");
        random.manual_seed(long.Parse(Get("--seed") ?? "1", CultureInfo.InvariantCulture));
        var methods = new List<(string Name, PredictorOptions Options)> { ("augmentation", new() { TestTimeAugmentation = true }) };
        if (ClassifierDropout.Has(model.Network)) methods.Add(($"mc-dropout-{samples}", new() { McDropoutSamples = samples }));
        foreach (var (name, options) in methods)
        {
            var right = new List<bool>();
            var doubt = new List<double>();
            foreach (var t in tiles)
            {
                var p = SlidingWindowPredictor.Predict(model.Network, model.Card.Classes.Count, model.Card.Normalization, t.Bands,
                    t.Width, t.Height, options with { Window = Math.Max(t.Width, t.Height), WantEntropy = false, WantConfidence = false }, CPU);
                for (int i = 0; i < t.Labels.Length; i++)
                    if (t.Labels[i] != SegmentationTile.Ignore && p.Classes[i] != 255)
                    {
                        right.Add(p.Classes[i] == t.Labels[i]);
                        doubt.Add(p.Uncertainty![i]);
                    }
            }
            var order = Enumerable.Range(0, right.Count).OrderBy(i => doubt[i]).ToArray();
            int half = order.Length / 2;
            Console.WriteLine($"{{\"method\":\"{name}\",\"subset\":\"{subset}\",\"tiles\":{tiles.Count},\"pixels\":{right.Count}," +
                $"\"accuracy\":{F(right.Average(r => r ? 1.0 : 0))},\"auroc_wrong\":{F(Auroc(doubt, right))}," +
                $"\"accuracy_most_certain_half\":{F(order.Take(half).Average(i => right[i] ? 1.0 : 0))}," +
                $"\"accuracy_least_certain_half\":{F(order.Skip(half).Average(i => right[i] ? 1.0 : 0))}," +
                $"\"mean_uncertainty_wrong\":{F(Mean(doubt, right, false))},\"mean_uncertainty_right\":{F(Mean(doubt, right, true))}}}");
        }
        return 0;
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("0.####", CultureInfo.InvariantCulture) : "null";

    private static double Mean(List<double> u, List<bool> right, bool which)
    {
        var picked = u.Where((_, i) => right[i] == which).ToList();
        return picked.Count > 0 ? picked.Average() : double.NaN;
    }

    /// <summary>P(u of a wrong pixel > u of a right one), ties counting half (Mann-Whitney, average ranks).</summary>
    private static double Auroc(List<double> u, List<bool> right)
    {
        var order = Enumerable.Range(0, u.Count).OrderBy(i => u[i]).ToArray();
        var rank = new double[u.Count];
        for (int s = 0; s < order.Length;)
        {
            int e = s;
            while (e + 1 < order.Length && u[order[e + 1]] == u[order[s]]) e++;
            for (int j = s; j <= e; j++) rank[order[j]] = (s + e) / 2.0 + 1;
            s = e + 1;
        }
        long wrong = right.Count(r => !r), correct = right.Count - wrong;
        if (wrong == 0 || correct == 0) return double.NaN;
        double sum = Enumerable.Range(0, u.Count).Where(i => !right[i]).Sum(i => rank[i]);
        return (sum - wrong * (wrong + 1) / 2.0) / ((double)wrong * correct);
    }
}
