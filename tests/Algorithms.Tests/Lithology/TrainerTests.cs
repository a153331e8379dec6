using GisBridge.Algorithms.Lithology.Data;
using GisBridge.Algorithms.Lithology.Network;
using GisBridge.Algorithms.Lithology.Synthetic;
using GisBridge.Algorithms.Lithology.Training;
using Xunit.Abstractions;

namespace GisBridge.Algorithms.Tests.Lithology;

public class TrainerTests(ITestOutputHelper output)
{
    private static readonly SegmentationDataset Data =
        SyntheticDataset.Generate(new SyntheticGravityOptions { Tiles = 6, Size = 32, Classes = 4, Seed = 7 });

    private static TrainerOptions Tiny(string arch) => new()
    {
        Arch = arch, Network = NetworkConfig.Tiny, Epochs = 3, SwitchToSgdEpoch = 2, BatchSize = 2, Crop = 32,
        StepsPerEpoch = 2, WarmupEpochs = 1, ValidationWindow = 32,
    };

    [Theory]
    [InlineData("ggmnet")]
    [InlineData("unet")]
    public void TrainsSwitchesToSgdAndReportsEveryEpoch(string arch)
    {
        var reports = new List<EpochReport>();
        var checkpoints = new List<TrainingCheckpoint>();
        var result = new Trainer(Tiny(arch)).Train(Data, new SyncProgress<EpochReport>(reports.Add), checkpoints.Add);
        foreach (var r in reports)
            output.WriteLine($"{arch} epoch {r.Epoch} {r.Optimizer} lr {r.LearningRate:E2} loss {r.TrainLoss:F3} MPA {r.ValMpa:P1} FWIoU {r.ValFwIou:P1}");
        Assert.Equal(["adam", "adam", "sgd"], reports.Select(r => r.Optimizer));
        Assert.All(reports, r => Assert.True(double.IsFinite(r.TrainLoss) && r.TrainLoss > 0));
        Assert.All(reports, r => Assert.InRange(r.ValFwIou, 0, 1));
        Assert.Equal(3, checkpoints.Count);
        Assert.Equal(arch, result.Model.Card.Arch);
        Assert.Equal(Data.ContentHash(), result.Model.Card.DatasetHash);
        Assert.Equal(3, result.Model.Card.Normalization.Channels);
        var scores = LithologyEvaluator.Evaluate(result.Model, Data.Subset("test"), new() { Window = 32 });
        Assert.InRange(scores.MeanPixelAccuracy, 0, 1);
    }

    [Fact]
    public void WithoutClassWeightsTheLossDiffersAndTheCardSaysSo()
    {
        var counts = PixelWeights.ClassCounts(Data.Subset("train").Select(t => t.Labels), Data.Classes.Count);
        Assert.True(counts.Where(c => c > 0).Distinct().Count() > 1, "the synthetic classes are unequal, so weighting changes the loss");
        var opts = Tiny("ggmnet") with { Epochs = 1, SwitchToSgdEpoch = 1 };
        var weighted = new List<EpochReport>();
        var plain = new List<EpochReport>();
        var a = new Trainer(opts).Train(Data, new SyncProgress<EpochReport>(weighted.Add));
        var checkpoints = new List<TrainingCheckpoint>();
        var b = new Trainer(opts with { ClassWeights = false }).Train(Data, new SyncProgress<EpochReport>(plain.Add), checkpoints.Add);
        Assert.Equal("median-frequency", a.Model.Card.ClassWeighting);
        Assert.Equal("none", b.Model.Card.ClassWeighting);
        Assert.NotEqual(weighted[0].TrainLoss, plain[0].TrainLoss);
        var stream = new MemoryStream();
        checkpoints[^1].WriteTo(stream);
        stream.Position = 0;
        var resumed = TrainingCheckpoint.ReadFrom(stream);
        Assert.Contains("class weighting 'none'", Assert.Throws<ArgumentException>(() =>
            new Trainer(opts with { Epochs = 2 }).Train(Data, resume: resumed)).Message);
    }

    [Fact]
    public void ResumesFromASerializedCheckpoint()
    {
        var checkpoints = new List<TrainingCheckpoint>();
        var opts = Tiny("ggmnet") with { Epochs = 2, SwitchToSgdEpoch = 1 };
        new Trainer(opts).Train(Data, onCheckpoint: checkpoints.Add);
        var stream = new MemoryStream();
        checkpoints[0].WriteTo(stream);
        stream.Position = 0;
        var restored = TrainingCheckpoint.ReadFrom(stream);
        Assert.Equal(1, restored.EpochsDone);
        var reports = new List<EpochReport>();
        var result = new Trainer(opts).Train(Data, new SyncProgress<EpochReport>(reports.Add), resume: restored);
        Assert.Equal([2], reports.Select(r => r.Epoch));
        Assert.Equal("sgd", reports[0].Optimizer);
        Assert.Equal(2, result.History.Count);
    }

    [Fact]
    public void BadInputsAreRefused()
    {
        Assert.Contains("unknown architecture", Assert.Throws<ArgumentException>(() =>
            new Trainer(Tiny("resnet")).Train(Data)).Message);
        var noTrain = new SegmentationDataset(Data.Tiles, Data.Classes, new DatasetSplit(["synth_0000"], [], []));
        var emptySplit = Assert.Throws<ArgumentException>(() => new SegmentationDataset([], Data.Classes));
        Assert.Contains("no tiles", emptySplit.Message);
        var other = SyntheticDataset.Generate(new SyntheticGravityOptions { Tiles = 3, Size = 32, Classes = 4, IncludeDerivatives = false });
        var checkpoints = new List<TrainingCheckpoint>();
        new Trainer(Tiny("unet") with { Epochs = 1 }).Train(noTrain, onCheckpoint: checkpoints.Add);
        Assert.Contains("different dataset", Assert.Throws<ArgumentException>(() =>
            new Trainer(Tiny("unet")).Train(other, resume: checkpoints[0])).Message);
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress<T>(Action<T> action) : IProgress<T>
    {
        public void Report(T value) => action(value);
    }
}
