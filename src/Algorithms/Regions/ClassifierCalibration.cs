namespace GisBridge.Algorithms.Regions;

/// <summary>How <see cref="AnomalyClassifier"/> calibrates its class probabilities, fitted on out-of-fold
/// predictions of an inner cross-validation of the training rows.</summary>
public enum ClassifierCalibration
{
    None,
    /// <summary>Platt scaling: a sigmoid of the logit (<see cref="PlattCalibration"/>).</summary>
    Platt,
    /// <summary>Isotonic regression: a monotone piecewise-linear map (<see cref="IsotonicCalibration"/>).</summary>
    Isotonic,
}
