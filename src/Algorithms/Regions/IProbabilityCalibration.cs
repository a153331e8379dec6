namespace GisBridge.Algorithms.Regions;

/// <summary>A fitted map of one class's probability to a calibrated probability.</summary>
public interface IProbabilityCalibration
{
    double Apply(double p);
}
