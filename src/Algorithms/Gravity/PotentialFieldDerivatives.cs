using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Gravity;

/// <summary>Which derivative product to compute.</summary>
public enum DerivativeKind
{
    /// <summary>First vertical derivative, positive downward (towards the sources; as GMT grdfft -D), units per metre.</summary>
    Vertical = 1,
    /// <summary>Total horizontal gradient sqrt(fx^2 + fy^2), units per metre.</summary>
    TotalHorizontalGradient = 2,
    /// <summary>Tilt angle atan2(vertical derivative, total horizontal gradient), radians in [-pi/2, pi/2].</summary>
    Tilt = 3,
}

/// <summary>
/// Derivative products of a potential-field grid: the vertical derivative by the FFT filter |k| (shared engine
/// <see cref="SpectralFilter"/>), the total horizontal gradient by finite differences in metres
/// (<see cref="HorizontalGradient"/>), and the tilt angle (Miller and Singh 1994) from both.
/// </summary>
public static class PotentialFieldDerivatives
{
    /// <summary>The checks that need no grid, so that a caller can refuse options before it reads the grid.</summary>
    public static void CheckOptions(DerivativeKind kind, FftOptions fft, int band)
    {
        if (!Enum.IsDefined(kind))
            throw new ArgumentException($"derivative kind {(int)kind} is unknown; use Vertical, TotalHorizontalGradient or Tilt", nameof(kind));
        GridValidation.CheckFftOptions(fft);
        if (band < 0) throw new ArgumentException($"band must be >= 0, got {band}", nameof(band));
    }

    public static RasterGrid Compute(RasterGrid grid, DerivativeKind kind, FftOptions? fftOptions = null, int band = 0,
        IProgress<(double Fraction, string Stage)>? progress = null, CancellationToken cancellationToken = default)
    {
        var fft = fftOptions ?? new FftOptions();
        if (!Enum.IsDefined(kind))
            throw new ArgumentException($"derivative kind {(int)kind} is unknown; use Vertical, TotalHorizontalGradient or Tilt", nameof(kind));
        var metric = GridValidation.Validate(grid, band, fft, []);
        var values = grid.Bands[band];
        cancellationToken.ThrowIfCancellationRequested();

        float[] result = kind switch
        {
            DerivativeKind.Vertical => Vertical(grid, values, metric, fft, progress, cancellationToken),
            DerivativeKind.TotalHorizontalGradient => HorizontalGradient.TotalMagnitude(values, grid.Width, grid.Height, metric),
            _ => Tilt(grid, values, metric, fft, progress, cancellationToken),
        };
        progress?.Report((1.0, "done"));
        string name = kind switch
        {
            DerivativeKind.Vertical => "vertical_derivative",
            DerivativeKind.TotalHorizontalGradient => "total_horizontal_gradient",
            _ => "tilt_angle",
        };
        return grid.WithBands([result], [name]);
    }

    private static float[] Vertical(RasterGrid grid, float[] values, GridMetric metric, FftOptions fft,
        IProgress<(double, string)>? progress, CancellationToken ct) =>
        SpectralFilter.Apply(values, grid.Width, grid.Height, metric, fft, [RadialFilter.VerticalDerivative()],
            progress, ct, out _)[0];

    private static float[] Tilt(RasterGrid grid, float[] values, GridMetric metric, FftOptions fft,
        IProgress<(double, string)>? progress, CancellationToken ct)
    {
        var vertical = Vertical(grid, values, metric, fft, progress, ct);
        ct.ThrowIfCancellationRequested();
        var thg = HorizontalGradient.TotalMagnitude(values, grid.Width, grid.Height, metric);
        for (long i = 0; i < vertical.LongLength; i++)
            vertical[i] = float.IsNaN(vertical[i]) || float.IsNaN(thg[i]) ? float.NaN : MathF.Atan2(vertical[i], thg[i]);
        return vertical;
    }
}
