using System.Diagnostics;
using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Lithology.Data;
using GisBridge.Algorithms.Lithology.Inference;
using GisBridge.Algorithms.Lithology.Network;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Lithology.Training;

/// <summary>
/// Trains a segmentation network on a <see cref="SegmentationDataset"/>: normalisation and class weights from
/// the training tiles, augmented crops, weighted bootstrapped cross-entropy with instance weights, Adam then SGD
/// with the warm-up multi-step schedule, validation (MPA, FWIoU, mIoU) after each epoch, checkpoint callback,
/// resume, time limit and cancellation. Keeps the weights with the best validation FWIoU.
/// </summary>
public sealed class Trainer(TrainerOptions options)
{
    private readonly TrainerOptions o = options ?? throw new ArgumentNullException(nameof(options));

    public TrainingResult Train(SegmentationDataset dataset, IProgress<EpochReport>? progress = null,
        Action<TrainingCheckpoint>? onCheckpoint = null, TrainingCheckpoint? resume = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        o.Validate();
        var train = dataset.Subset("train");
        if (train.Count == 0) throw new ArgumentException("the dataset's training split is empty");
        var val = dataset.Subset("val");
        var device = TorchRuntime.ResolveDevice(o.Device);
        var card = resume?.Card ?? NewCard(dataset, train);
        if (resume is not null && resume.Card.DatasetHash != dataset.ContentHash())
            throw new ArgumentException("checkpoint: it was trained on a different dataset (hash mismatch); start a new training");
        if (card.InChannels != dataset.Channels)
            throw new ArgumentException($"checkpoint: the model has {card.InChannels} input channels, the dataset {dataset.Channels}");

        var counts = PixelWeights.ClassCounts(train.Select(t => t.Labels), dataset.Classes.Count);
        if (resume is not null && resume.Card.ClassWeighting != ModelCard.ClassWeightingOf(o.ClassWeights))
            throw new ArgumentException($"checkpoint: it was trained with class weighting '{resume.Card.ClassWeighting}'; resume with the same setting");
        if (resume is not null && resume.Card.Config.Dropout != o.Network.Dropout)
            throw new ArgumentException($"checkpoint: it was trained with dropout {resume.Card.Config.Dropout}; resume with the same setting");
        var loss = new BootstrappedCrossEntropy(o.ClassWeights ? PixelWeights.ClassWeights(counts) : null, o.TopKFraction);
        var normalized = train.Select(t => Normalize(t, card.Normalization)).ToArray();

        var model = LithologyModel.Create(card, o.Seed);
        var net = model.Network;
        if (resume is not null) LoadWeights(net, resume.Weights);
        net.to(device);
        var history = new List<EpochReport>(resume?.History ?? []);
        int first = resume?.EpochsDone ?? 0;
        byte[] best = resume?.BestWeights ?? SaveWeights(net);
        double bestFw = resume?.BestFwIou ?? double.NaN;
        var schedule = new WarmupMultiStepSchedule(o.AdamLearningRate, o.WarmupEpochs, StepEpochs: o.LrStepEpochs, Gamma: o.LrGamma);
        string phase = first < o.ResolvedSwitchEpoch ? "adam" : "sgd";
        var optimizer = MakeOptimizer(net, phase, schedule.LearningRate(Math.Max(0, first - o.ResolvedSwitchEpoch)));
        if (resume is not null && resume.Optimizer == phase && resume.OptimizerState.Length > 0)
            LoadOptimizerState(optimizer, resume.OptimizerState);

        int previousThreads = get_num_threads();
        if (o.Threads > 0 && device.type == DeviceType.CPU) set_num_threads(o.Threads);
        try
        {
            return Loop(card, val, device, net, optimizer, loss, normalized, schedule, phase, first,
                history, best, bestFw, progress, onCheckpoint, cancellation);
        }
        finally
        {
            set_num_threads(previousThreads);
        }
    }

    private TrainingResult Loop(ModelCard card, IReadOnlyList<SegmentationTile> val, Device device,
        SegmentationNetwork net, OptimizerHelper optimizer, BootstrappedCrossEntropy loss,
        (float[][] Bands, SegmentationTile Tile)[] normalized, WarmupMultiStepSchedule schedule, string phase, int first,
        List<EpochReport> history, byte[] best, double bestFw, IProgress<EpochReport>? progress,
        Action<TrainingCheckpoint>? onCheckpoint, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        string stop = $"completed {o.Epochs} epochs";
        for (int epoch = first; epoch < o.Epochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            var epochClock = Stopwatch.StartNew();
            if (epoch == o.ResolvedSwitchEpoch && phase == "adam")
            {
                optimizer.Dispose();
                phase = "sgd";
                optimizer = MakeOptimizer(net, phase, schedule.LearningRate(0));
            }
            double lr = phase == "adam" ? o.AdamLearningRate : schedule.LearningRate(epoch - o.ResolvedSwitchEpoch);
            foreach (var g in optimizer.ParamGroups) g.LearningRate = lr;

            double trainLoss = RunEpoch(net, optimizer, loss, normalized, epoch, device, out int skipped, cancellation);
            var scores = val.Count > 0 ? Validate(net, card, val, device, cancellation) : null;
            double fw = scores?.FrequencyWeightedIoU ?? double.NaN;
            if (scores is null || double.IsNaN(bestFw) || fw > bestFw)
            {
                best = SaveWeights(net);
                bestFw = fw;
            }
            var report = new EpochReport(epoch + 1, o.Epochs, phase, lr, trainLoss, scores?.MeanPixelAccuracy ?? double.NaN,
                fw, scores?.MeanIoU ?? double.NaN, epochClock.Elapsed.TotalSeconds, skipped);
            history.Add(report);
            progress?.Report(report);
            onCheckpoint?.Invoke(new TrainingCheckpoint
            {
                Card = card, EpochsDone = epoch + 1, Weights = SaveWeights(net), BestWeights = best, BestFwIou = bestFw,
                Optimizer = phase, OptimizerState = SaveOptimizerState(optimizer), History = history.ToList(),
            });
            if (o.TimeLimit is { } limit && clock.Elapsed >= limit && epoch + 1 < o.Epochs)
            {
                stop = $"time limit {limit.TotalMinutes:F1} min reached after epoch {epoch + 1}";
                break;
            }
        }
        optimizer.Dispose();
        LoadWeights(net, best);
        var last = history.Count > 0 ? history[^1] : null;
        var finalCard = card with
        {
            EpochsTrained = last?.Epoch ?? 0,
            Metrics = double.IsNaN(bestFw) ? [] : new Dictionary<string, double>
            {
                ["val.fwiou"] = bestFw,
                ["val.mpa"] = history.Where(h => h.ValFwIou == bestFw).Select(h => h.ValMpa).DefaultIfEmpty(double.NaN).Last(),
            },
        };
        return new TrainingResult(new LithologyModel(finalCard, net), history, stop);
    }

    private ModelCard NewCard(SegmentationDataset dataset, IReadOnlyList<SegmentationTile> train) => new()
    {
        Arch = o.Arch.Trim().ToLowerInvariant(),
        Config = o.Network,
        InChannels = dataset.Channels,
        BandNames = dataset.BandNames,
        Classes = dataset.Classes,
        Normalization = ChannelNormalization.FromTiles(train),
        DatasetHash = dataset.ContentHash(),
        TrainingCellSizeMetres = dataset.CellSizeMetres,
        ClassWeighting = ModelCard.ClassWeightingOf(o.ClassWeights),
    };

    private double RunEpoch(SegmentationNetwork net, OptimizerHelper optimizer, BootstrappedCrossEntropy loss,
        (float[][] Bands, SegmentationTile Tile)[] tiles, int epoch, Device device, out int skipped, CancellationToken cancellation)
    {
        net.train();
        var rng = new Random(unchecked((int)(o.Seed * 7919 + epoch * 104729)));
        var order = Enumerable.Range(0, tiles.Length).OrderBy(_ => rng.Next()).ToArray();
        int steps = o.StepsPerEpoch > 0 ? o.StepsPerEpoch : (tiles.Length + o.BatchSize - 1) / o.BatchSize;
        double sum = 0;
        int done = 0;
        skipped = 0;
        int c = tiles[0].Bands.Length, n = o.Crop * o.Crop;
        for (int s = 0; s < steps; s++)
        {
            cancellation.ThrowIfCancellationRequested();
            var x = new float[o.BatchSize * c * n];
            var y = new long[o.BatchSize * n];
            var w = new float[o.BatchSize * n];
            for (int b = 0; b < o.BatchSize; b++)
            {
                var (bands, tile) = tiles[order[(s * o.BatchSize + b) % order.Length]];
                var (img, lab) = Augmentation.Sample(bands, tile.Labels, tile.Width, tile.Height, o.Crop, o.Augmentation, rng);
                for (int ch = 0; ch < c; ch++) Array.Copy(img[ch], 0, x, (b * c + ch) * n, n);
                var iw = o.MaxInstanceWeight > 1 ? PixelWeights.InstanceWeights(lab, o.Crop, o.Crop, o.MaxInstanceWeight) : null;
                for (int i = 0; i < n; i++)
                {
                    y[b * n + i] = lab[i];
                    w[b * n + i] = iw?[i] ?? 1f;
                }
            }
            optimizer.zero_grad();
            // The scope frees the step's activations; the optimiser step runs outside it so that state tensors an
            // optimiser creates lazily on its first step are not disposed with the scope.
            float value;
            double gradNorm;
            // BN running statistics change in the forward pass; kept so that a skipped step leaves no trace.
            using var stats = new BufferSnapshot(net);
            using (var scope = NewDisposeScope())
            {
                var logits = net.forward(tensor(x, [o.BatchSize, c, o.Crop, o.Crop]).to(device));
                var l = loss.Compute(logits, tensor(y, [o.BatchSize, o.Crop, o.Crop]).to(device),
                    tensor(w, [o.BatchSize, o.Crop, o.Crop]).to(device));
                l.backward();
                value = l.item<float>();
                gradNorm = nn.utils.clip_grad_norm_(net.parameters(), 1e30); // measures the norm; never clips
            }
            // Guard: a non-finite loss or gradient would turn every weight into NaN; skip that step instead.
            if (!float.IsFinite(value) || !double.IsFinite(gradNorm))
            {
                optimizer.zero_grad();
                stats.Restore();
                skipped++;
                continue;
            }
            optimizer.step();
            sum += value;
            done++;
        }
        return done > 0 ? sum / done : double.NaN;
    }

    private SegmentationScores Validate(SegmentationNetwork net, ModelCard card, IReadOnlyList<SegmentationTile> tiles,
        Device device, CancellationToken cancellation)
    {
        var cm = new ConfusionMatrix(card.Classes.Count);
        var popts = new PredictorOptions { Window = o.ValidationWindow, WantConfidence = false, WantEntropy = false };
        foreach (var t in tiles)
        {
            var p = SlidingWindowPredictor.Predict(net, card.Classes.Count, card.Normalization, t.Bands, t.Width, t.Height,
                popts, device, cancellation: cancellation);
            cm.Add(t.Labels, p.Classes);
        }
        net.train();
        return cm.Scores();
    }

    private static (float[][] Bands, SegmentationTile Tile) Normalize(SegmentationTile t, ChannelNormalization norm)
    {
        var bands = new float[t.Bands.Count][];
        for (int b = 0; b < bands.Length; b++)
        {
            bands[b] = new float[t.Bands[b].Length];
            norm.Apply(b, t.Bands[b], bands[b]);
        }
        return (bands, t);
    }

    private OptimizerHelper MakeOptimizer(SegmentationNetwork net, string phase, double lr) => phase == "adam"
        ? new HeldScalarAdam(net.parameters(), lr)
        : new HeldScalarSgd(net.parameters(), lr, o.Momentum, o.WeightDecay);

    internal static byte[] SaveWeights(nn.Module net)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true)) net.save(w);
        return ms.ToArray();
    }

    internal static void LoadWeights(nn.Module net, byte[] weights)
    {
        using var r = new BinaryReader(new MemoryStream(weights));
        net.load(r, strict: true);
    }

    private static byte[] SaveOptimizerState(OptimizerHelper optimizer)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true)) optimizer.save_state_dict(w);
        return ms.ToArray();
    }

    private static void LoadOptimizerState(OptimizerHelper optimizer, byte[] state)
    {
        using var r = new BinaryReader(new MemoryStream(state));
        optimizer.load_state_dict(r);
    }
}
