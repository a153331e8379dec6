namespace GisBridge.Algorithms.Lithology.Training;

/// <summary>
/// WarmupMultiStepLR (paper 5.1.3) for the SGD phase, by epoch since the switch e: linear warm-up from
/// BaseLr x WarmupFactor to BaseLr over the first <see cref="WarmupEpochs"/> epochs, then divided by 1/Gamma
/// (10) every <see cref="StepEpochs"/> epochs: lr(e) = BaseLr x warm(e) x Gamma^floor(e / StepEpochs).
/// </summary>
public sealed record WarmupMultiStepSchedule(double BaseLr, int WarmupEpochs = 5, double WarmupFactor = 1.0 / 3,
    int StepEpochs = 50, double Gamma = 0.1)
{
    public double LearningRate(int epochSinceSwitch)
    {
        if (epochSinceSwitch < 0) throw new ArgumentOutOfRangeException(nameof(epochSinceSwitch), "epoch must be >= 0");
        if (BaseLr <= 0 || StepEpochs < 1 || WarmupEpochs < 0 || Gamma <= 0 || Gamma > 1 || WarmupFactor is <= 0 or > 1)
            throw new ArgumentException($"learning-rate schedule: invalid settings {this}");
        double warm = epochSinceSwitch < WarmupEpochs
            ? WarmupFactor + (1 - WarmupFactor) * epochSinceSwitch / WarmupEpochs
            : 1.0;
        return BaseLr * warm * Math.Pow(Gamma, epochSinceSwitch / StepEpochs);
    }
}
