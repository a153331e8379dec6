namespace GisBridge.Algorithms.Regions;

/// <summary>Gradient-boosted tree trainer of Microsoft.ML.</summary>
public enum ClassifierTrainer { FastTree, LightGbm }

/// <summary>Options of <see cref="AnomalyClassifier"/>.</summary>
public sealed record ClassifierOptions
{
    public ClassifierTrainer Trainer { get; init; } = ClassifierTrainer.FastTree;
    /// <summary>Boosting rounds. Default 100.</summary>
    public int NumberOfTrees { get; init; } = 100;
    public int NumberOfLeaves { get; init; } = 16;
    public int MinimumExamplesPerLeaf { get; init; } = 5;
    public double LearningRate { get; init; } = 0.1;
    /// <summary>Class imbalance: weight every row by n / (classes * n_class), so each class weighs the same in
    /// the loss. Default true.</summary>
    public bool BalanceClasses { get; init; } = true;
    /// <summary>Resampling of the training rows (inside each training fold only). Default none.</summary>
    public ResamplingMethod Resampling { get; init; } = ResamplingMethod.None;
    /// <summary>Calibrate the class probabilities (Platt or isotonic) on out-of-fold predictions of an inner
    /// cross-validation of the training rows. Default none.</summary>
    public ClassifierCalibration Calibration { get; init; } = ClassifierCalibration.None;
    /// <summary>Share of in-domain rows allowed to be called "unknown": the novelty threshold is the (1 - rate)
    /// quantile of inner-CV held-out novelty scores. 0 = no "unknown" answer (default).</summary>
    public double UnknownRate { get; init; }
    /// <summary>Inner folds (grouped by the caller's block keys) for calibration and the novelty threshold. Default 3.</summary>
    public int InnerFolds { get; init; } = 3;
    public int NoveltyNeighbours { get; init; } = KnnNovelty.DefaultNeighbours;
    public int Seed { get; init; } = 42;

    internal bool Calibrates => Calibration != ClassifierCalibration.None;

    internal bool NeedsInnerFolds => Calibrates || UnknownRate > 0;
}
