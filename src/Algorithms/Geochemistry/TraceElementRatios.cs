namespace GisBridge.Algorithms.Geochemistry;

/// <summary>Trace-element ratios of concentrations in ppm; NaN when either is missing or the denominator is not positive.</summary>
public static class TraceElementRatios
{
    public static double Ratio(double numerator, double denominator) =>
        denominator > 0 && !double.IsNaN(numerator) ? numerator / denominator : double.NaN;

    /// <summary>(La/Sm)_N: each concentration divided by its chondrite value first.</summary>
    public static double ChondriteNormalisedRatio(double numerator, double denominator, double chondriteNumerator, double chondriteDenominator) =>
        Ratio(numerator / chondriteNumerator, denominator / chondriteDenominator);
}
