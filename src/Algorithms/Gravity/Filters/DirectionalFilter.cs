using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Gravity;

/// <summary>Directional cosine filter of a potential-field grid (<see cref="DirectionalCosineFilter"/>): keeps or
/// removes the features of one strike, through the shared FFT engine.</summary>
public static class DirectionalFilter
{
    public static FilterResult Run(RasterGrid input, DirectionalFilterOptions options,
        IProgress<(double Fraction, string Stage)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(input);
        if (!double.IsFinite(options.StrikeAzimuthDegrees) || options.StrikeAzimuthDegrees < 0 || options.StrikeAzimuthDegrees > 180)
            throw new ArgumentException($"strike azimuth must be between 0 and 180 degrees clockwise from north, got {options.StrikeAzimuthDegrees}");
        if (!double.IsFinite(options.Exponent) || options.Exponent <= 0 || options.Exponent > 64)
            throw new ArgumentException($"cosine exponent must be in (0, 64], got {options.Exponent}");
        var filter = new DirectionalCosineFilter(options.StrikeAzimuthDegrees, options.Exponent, options.Reject,
            northUp: input.Transform.PixelHeight < 0, eastRight: input.Transform.PixelWidth > 0);
        return FilterRun.Apply(input, options.Band, options.Fft, filter, options.Reject ? "directional_reject" : "directional_pass",
            options.FillDependence, progress, cancellationToken);
    }
}
