using System.Text.Json;
using GisBridge.Algorithms.Lithology.Inference;
using GisBridge.Algorithms.Lithology.Network;
using GisBridge.Algorithms.Lithology.Training;
using GisBridge.Server.Jobs;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Lithology;

/// <summary>
/// Training (RPC Lithology.GgmnetTrain, verb `ggmnet-train`): input files "dataset" (names relative to the dataset
/// folder); output files "model" (model.card.json, model.weights, model.safetensors) and a report with the epoch history and the
/// test-split scores. On the CPU the reduced configuration <see cref="NetworkConfig.CpuSmall"/> is used, on CUDA
/// the paper's (depth 22).
/// </summary>
public sealed class GgmnetTrainJob(IGeoIo geo) : IJob<Proto.GgmnetTrainOptions>
{
    public const int MaxEpochs = 10_000, MaxBatch = 1024, MaxCrop = 4096;
    public const double MaxDropout = 0.9;

    /// <summary>Training is the longest job: the number of epochs must be given, and every size is bounded.</summary>
    public void Validate(Proto.GgmnetTrainOptions options)
    {
        OptionChecks.Range(options.Epochs, 1, MaxEpochs, "epochs", zeroIsDefault: false);
        OptionChecks.Range(options.TimeLimitMinutes, 0, 7 * 24 * 60, "time_limit_minutes");
        OptionChecks.Range(options.BatchSize, 1, MaxBatch, "batch_size");
        OptionChecks.Range(options.Crop, 8, MaxCrop, "crop");
        OptionChecks.Range(options.Dropout, 0, MaxDropout, "dropout");
        OptionChecks.OneOf(options.Arch, "arch", [.. NetworkFactory.Architectures]);
        OptionChecks.OneOf(options.Device, "device", "cpu", "cuda", "auto");
    }

    public InputNeeds Needs(Proto.GgmnetTrainOptions options) => InputNeeds.File("dataset");

    public void Run(Proto.GgmnetTrainOptions options, JobInputs inputs, JobOutputs outputs, JobContext context)
    {
        Validate(options);
        context.Report(0, "reading", "reading the dataset");
        var dataset = LithologyFiles.ReadDataset(geo, inputs.FilesNamed("dataset"));
        string device = string.IsNullOrWhiteSpace(options.Device) ? "cpu" : options.Device;
        bool gpu = device is "cuda" or "auto" && TorchSharp.torch.cuda.is_available();
        int epochs = options.Epochs;
        var trainer = new Trainer(new TrainerOptions
        {
            Arch = string.IsNullOrWhiteSpace(options.Arch) ? "ggmnet" : options.Arch,
            Network = (gpu ? new NetworkConfig() : NetworkConfig.CpuSmall) with { Dropout = options.Dropout },
            Epochs = epochs,
            BatchSize = options.BatchSize > 0 ? options.BatchSize : 4,
            Crop = options.Crop > 0 ? options.Crop : Math.Min(256, dataset.Tiles.Min(t => Math.Min(t.Width, t.Height))),
            Seed = options.Seed,
            Device = device,
            ClassWeights = !options.NoClassWeights,
            TimeLimit = options.TimeLimitMinutes > 0 ? TimeSpan.FromMinutes(options.TimeLimitMinutes) : null,
        });
        var history = new List<EpochReport>();
        var progress = new SyncProgress(r =>
        {
            history.Add(r);
            context.Report(0.05 + 0.85 * r.Epoch / r.Epochs, "training",
                $"epoch {r.Epoch}/{r.Epochs} {r.Optimizer} loss {r.TrainLoss:F4} val MPA {r.ValMpa:P1} FWIoU {r.ValFwIou:P1}");
        });
        var result = trainer.Train(dataset, progress, cancellation: context.Cancellation);
        using var model = result.Model;
        var test = dataset.Subset("test");
        SegmentationScores? scores = null;
        var card = model.Card;
        var val = dataset.Subset("val");
        if (val.Count > 0)
        {
            context.Report(0.91, "calibrating", $"reliability of the confidence on {val.Count} validation tiles");
            var calibration = CalibrationReport.Measure(model, val, new PredictorOptions(), device, cancellation: context.Cancellation);
            card = card with
            {
                Calibration = calibration,
                Metrics = new Dictionary<string, double>(card.Metrics) { ["val.ece"] = calibration.ExpectedCalibrationError },
            };
        }
        if (test.Count > 0)
        {
            context.Report(0.92, "evaluating", $"scoring {test.Count} test tiles");
            scores = LithologyEvaluator.Evaluate(model, test, new PredictorOptions(), device, context.Cancellation);
            card = card with
            {
                Metrics = new Dictionary<string, double>(card.Metrics)
                {
                    ["test.mpa"] = scores.MeanPixelAccuracy, ["test.fwiou"] = scores.FrequencyWeightedIoU, ["test.miou"] = scores.MeanIoU,
                },
            };
        }
        var folder = Path.Combine(context.WorkDir, "model");
        LithologyFiles.WriteModel(new LithologyModel(card, model.Network), folder);
        outputs.AddFile("model", Path.Combine(folder, LithologyFiles.CardFile), LithologyFiles.CardFile);
        outputs.AddFile("model", Path.Combine(folder, LithologyFiles.WeightsFile), LithologyFiles.WeightsFile);
        outputs.AddFile("model", Path.Combine(folder, LithologyFiles.PortableWeightsFile), LithologyFiles.PortableWeightsFile);
        outputs.Result.Message = $"{card.Arch}: {result.StopReason}" +
            (scores is null ? "" : $"; test MPA {scores.MeanPixelAccuracy:P2}, FWIoU {scores.FrequencyWeightedIoU:P2}");
        outputs.Result.ReportJson = JsonSerializer.Serialize(new
        {
            arch = card.Arch, stop = result.StopReason, calibration = card.Calibration is { } cal && double.IsFinite(cal.ExpectedCalibrationError) ? cal : null, parameters = model.Network.ParameterCount(), dataset_hash = card.DatasetHash,
            metrics = card.Metrics.ToDictionary(kv => kv.Key, kv => double.IsFinite(kv.Value) ? kv.Value : (double?)null),
            epochs = history.Select(h => new { h.Epoch, h.Optimizer, h.LearningRate, h.TrainLoss, val_mpa = Finite(h.ValMpa), val_fwiou = Finite(h.ValFwIou), h.Seconds, h.SkippedSteps }),
        });
        context.Report(1, "done", outputs.Result.Message);
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    private sealed class SyncProgress(Action<EpochReport> a) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => a(value);
    }
}
