namespace GisBridge.Algorithms.Regions;

/// <summary>What a saved model needs besides the ML.NET zip (written as a small JSON beside it).</summary>
public sealed record ClassifierModelInfo(
    string Label,
    IReadOnlyList<string> Features,
    IReadOnlyList<string> Classes,
    bool LabelIsNumeric,
    string Trainer,
    /// <summary>Training medians that replace missing indicator values.</summary>
    IReadOnlyList<double> Imputation,
    IReadOnlyList<double> ClassWeights,
    int TrainingRows,
    int FormatVersion = 1,
    string Resampling = "none",
    /// <summary>Platt calibration per class (null = probabilities as the trees give them).</summary>
    IReadOnlyList<PlattCalibration>? Calibration = null,
    /// <summary>Novelty reference of the training rows (null = no "unknown" answer) and its threshold.</summary>
    KnnNovelty? Novelty = null,
    double NoveltyThreshold = double.NaN,
    /// <summary>Rows per class the trees were fitted on (after resampling).</summary>
    IReadOnlyList<int>? FittedClassCounts = null,
    /// <summary>Isotonic calibration per class (null = none, or Platt in <see cref="Calibration"/>).</summary>
    IReadOnlyList<IsotonicCalibration>? IsotonicCalibration = null);

/// <summary>Predicted class per row (-1 = not predicted: every indicator missing) and class probabilities
/// (calibrated when the model is); novelty score and "unknown" flag (score above the model's threshold).</summary>
public sealed record ClassPrediction(int[] PredictedClass, double[] Probability, double[][] ClassProbabilities,
    double[]? Novelty = null, bool[]? Unknown = null);
