namespace GisBridge.Algorithms.Gravity.Spectrum;

/// <summary>A wavenumber range (rad/km) over which one straight line is fitted to ln P.</summary>
public readonly record struct WavenumberRange(double MinRadPerKm, double MaxRadPerKm);

/// <summary>Options of <see cref="RadialPowerSpectrum.Run"/>.</summary>
public sealed record RadialSpectrumOptions
{
    /// <summary>Band to analyse (0-based).</summary>
    public int Band { get; init; }

    /// <summary>Trend removal, padding and taper before the transform (the same options as the filters; the
    /// periodic-image, latitude-node and device settings do not apply to a spectrum).</summary>
    public FftOptions Fft { get; init; } = new();

    /// <summary>Ranges to fit, one line each, in increasing wavenumber. Empty = found automatically
    /// (<see cref="Segments"/> lines over the usable band, breaks placed by least squares).</summary>
    public IReadOnlyList<WavenumberRange> Ranges { get; init; } = [];

    /// <summary>Number of straight segments when the ranges are found automatically: 1 to 3 (default 2, a deep
    /// and a shallow ensemble).</summary>
    public int Segments { get; init; } = 2;

    /// <summary>Fewest spectrum bins in one automatically placed segment (default 5).</summary>
    public int MinBinsPerSegment { get; init; } = 5;

    /// <summary>Automatic fits ignore bins whose power is below this fraction of the largest bin's (the floor of
    /// the FFT's rounding, or a grid's quantisation). Default 1e-20.</summary>
    public double PowerFloor { get; init; } = 1e-20;
}
