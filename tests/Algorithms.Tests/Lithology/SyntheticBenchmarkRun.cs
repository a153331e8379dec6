using System.Diagnostics;
using GisBridge.Algorithms.Lithology.Inference;
using GisBridge.Algorithms.Lithology.Network;
using GisBridge.Algorithms.Lithology.Synthetic;
using GisBridge.Algorithms.Lithology.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Tests.Lithology;

/// <summary>A fact that runs only when GISBRIDGE_LITHO_BENCH is set (minutes of CPU: not part of the fast suite).</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("GISBRIDGE_LITHO_BENCH") is null)
            Skip = "benchmark: set GISBRIDGE_LITHO_BENCH=1 (optionally GISBRIDGE_LITHO_BENCH_MINUTES per network, default 5, and GISBRIDGE_LITHO_BENCH_SKIP_THROUGHPUT)";
    }
}

/// <summary>
/// The synthetic forward-model benchmark: GGMNet vs the U-Net baseline trained the same way (same data, crops,
/// loss, optimiser schedule, time budget), scored on the test split; and CPU inference throughput on 2048 x 2048.
/// </summary>
public class SyntheticBenchmarkRun(ITestOutputHelper output)
{
    [BenchmarkFact]
    public void GgmnetVersusUnetOnTheSyntheticBenchmark()
    {
        double minutes = double.Parse(Environment.GetEnvironmentVariable("GISBRIDGE_LITHO_BENCH_MINUTES") ?? "5",
            System.Globalization.CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        var data = SyntheticDataset.Generate(new SyntheticGravityOptions { Tiles = 40, Size = 128, Classes = 6, Seed = 1 });
        output.WriteLine($"dataset: {data.Tiles.Count} tiles 128x128, 6 classes, 3 bands, generated in {clock.Elapsed.TotalSeconds:F1} s");
        var results = new Dictionary<string, SegmentationScores>();
        foreach (var arch in new[] { "ggmnet", "unet" })
        {
            var options = new TrainerOptions
            {
                Arch = arch, Network = NetworkConfig.CpuSmall, Epochs = 200, SwitchToSgdEpoch = 60, BatchSize = 4, Crop = 96,
                StepsPerEpoch = 8, ValidationWindow = 128, TimeLimit = TimeSpan.FromMinutes(minutes), Threads = 1,
            };
            var result = new Trainer(options).Train(data, new Sync(r => output.WriteLine(
                $"{arch} epoch {r.Epoch} {r.Optimizer} lr {r.LearningRate:E1} loss {r.TrainLoss:F3} val MPA {r.ValMpa:P1} FWIoU {r.ValFwIou:P1} ({r.Seconds:F1} s, skipped {r.SkippedSteps})")));
            var scores = LithologyEvaluator.Evaluate(result.Model, data.Subset("test"), new PredictorOptions { Window = 128 });
            results[arch] = scores;
            output.WriteLine($"{arch}: {result.Model.Network.ParameterCount()} parameters, {result.StopReason}; TEST MPA {scores.MeanPixelAccuracy:P2} FWIoU {scores.FrequencyWeightedIoU:P2} mIoU {scores.MeanIoU:P2} PA {scores.PixelAccuracy:P2}");
            output.WriteLine($"  per-class IoU: {string.Join(", ", scores.ClassIoU.Select((v, i) => $"{data.Classes[i].Name} {v:P1}"))}");
            if (arch == "ggmnet" && Environment.GetEnvironmentVariable("GISBRIDGE_LITHO_BENCH_SKIP_THROUGHPUT") is null)
                Throughput(result.Model);
            result.Model.Dispose();
        }
        Assert.All(results.Values, s => Assert.InRange(s.MeanPixelAccuracy, 0, 1));
    }

    private void Throughput(LithologyModel model)
    {
        const int n = 2048;
        var rng = new Random(0);
        var bands = Enumerable.Range(0, model.Card.InChannels).Select(_ => Enumerable.Range(0, n * n).Select(_ => (float)rng.NextDouble()).ToArray()).ToArray();
        var clock = Stopwatch.StartNew();
        var p = SlidingWindowPredictor.Predict(model.Network, model.Card.Classes.Count, model.Card.Normalization, bands, n, n,
            new PredictorOptions { Window = 512, Overlap = 0.25, BatchSize = 2 }, CPU);
        double s = clock.Elapsed.TotalSeconds;
        output.WriteLine($"inference 2048x2048 (GGMNet CPU-small, 512 px windows, 25 % overlap, {get_num_threads()} threads): {s:F1} s = {n * (double)n / 1e6 / s:F3} Mpx/s; classes {p.Classes.Distinct().Count()}");
    }

    private sealed class Sync(Action<EpochReport> a) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => a(value);
    }
}
