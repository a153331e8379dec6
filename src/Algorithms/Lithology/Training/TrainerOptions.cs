using GisBridge.Algorithms.Lithology.Network;

namespace GisBridge.Algorithms.Lithology.Training;

/// <summary>
/// Training settings (paper 5.1). Adam (lr 1e-3) until <see cref="SwitchToSgdEpoch"/>, then SGD (momentum 0.9,
/// weight decay 5e-4) whose rate starts at Adam's, with a 5-epoch linear warm-up and /10 every 50 epochs.
/// </summary>
public sealed record TrainerOptions
{
    /// <summary>"ggmnet" or "unet".</summary>
    public string Arch { get; init; } = "ggmnet";
    public NetworkConfig Network { get; init; } = new();
    public int Epochs { get; init; } = 100;
    /// <summary>First SGD epoch (0-based); null = half of <see cref="Epochs"/>. The paper switches when the loss flattens.</summary>
    public int? SwitchToSgdEpoch { get; init; }
    public int BatchSize { get; init; } = 4;
    /// <summary>Training crop side in pixels (paper: 1024 on 2048 tiles).</summary>
    public int Crop { get; init; } = 256;
    /// <summary>Optimiser steps per epoch; 0 = one pass over the training tiles (ceil(tiles / batch)).</summary>
    public int StepsPerEpoch { get; init; }
    public long Seed { get; init; }
    public double AdamLearningRate { get; init; } = 1e-3;
    public double Momentum { get; init; } = 0.9;
    public double WeightDecay { get; init; } = 5e-4;
    public int WarmupEpochs { get; init; } = 5;
    public int LrStepEpochs { get; init; } = 50;
    public double LrGamma { get; init; } = 0.1;
    /// <summary>Share of each image's pixels kept by the bootstrapped loss (paper: K = 0.15 N).</summary>
    public double TopKFraction { get; init; } = 0.15;
    /// <summary>Median-frequency class weights in the loss (default; see <see cref="PixelWeights.ClassWeights"/>). Off,
    /// every class weighs 1: a unit of a few training pixels is then not over-predicted wherever the data look unlike
    /// the common units, at the cost of that unit's recall.</summary>
    public bool ClassWeights { get; init; } = true;
    /// <summary>Largest weight of a small instance's pixels (1 disables instance weighting).</summary>
    public float MaxInstanceWeight { get; init; } = 4f;
    /// <summary>Augmentation ranges; null trains on centre crops without augmentation.</summary>
    public AugmentationOptions? Augmentation { get; init; } = new();
    /// <summary>Stop after the epoch that passes this wall-clock time (null = no limit).</summary>
    public TimeSpan? TimeLimit { get; init; }
    /// <summary>"cpu", "cuda" or "auto".</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>
    /// libtorch intra-op threads while training on the CPU (restored afterwards); 0 leaves the current setting.
    /// Default 1: with libtorch-cpu 2.10 / TorchSharp 0.107 on the Debian 12 build machine, multi-threaded CPU
    /// backward passes gave intermittent non-finite gradients for batches of 2 or more (never with 1 thread).
    /// </summary>
    public int Threads { get; init; } = 1;
    /// <summary>Sliding window used to score the validation tiles.</summary>
    public int ValidationWindow { get; init; } = 512;

    public int ResolvedSwitchEpoch => SwitchToSgdEpoch ?? Epochs / 2;

    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentException($"epochs must be at least 1, got {Epochs}");
        if (BatchSize < 1) throw new ArgumentException($"batch size must be at least 1, got {BatchSize}");
        if (Crop < 8) throw new ArgumentException($"crop must be at least 8 pixels, got {Crop}");
        if (StepsPerEpoch < 0) throw new ArgumentException($"steps per epoch must be >= 0, got {StepsPerEpoch}");
        if (ResolvedSwitchEpoch < 0) throw new ArgumentException($"the SGD switch epoch must be >= 0, got {ResolvedSwitchEpoch}");
        if (!(AdamLearningRate > 0)) throw new ArgumentException($"learning rate must be positive, got {AdamLearningRate}");
        if (MaxInstanceWeight < 1) throw new ArgumentException($"max instance weight must be >= 1, got {MaxInstanceWeight}");
        if (ValidationWindow < 8) throw new ArgumentException($"validation window must be at least 8, got {ValidationWindow}");
        if (!NetworkFactory.Architectures.Contains(Arch))
            throw new ArgumentException($"unknown architecture '{Arch}'; use one of {string.Join(", ", NetworkFactory.Architectures)}");
    }
}

/// <summary>
/// What one epoch did: optimiser, rate, mean training loss, validation scores (NaN without validation tiles), and the
/// steps skipped because their loss or gradient was not finite.
/// </summary>
public sealed record EpochReport(int Epoch, int Epochs, string Optimizer, double LearningRate, double TrainLoss,
    double ValMpa, double ValFwIou, double ValMIoU, double Seconds, int SkippedSteps = 0);

/// <summary>The model with the best validation FWIoU (the last one without validation), the history and why it stopped.</summary>
public sealed record TrainingResult(LithologyModel Model, IReadOnlyList<EpochReport> History, string StopReason);
