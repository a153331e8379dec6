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
    /// <summary>Analytic signal amplitude (total gradient) sqrt(fx^2 + fy^2 + fz^2), units per metre: peaks over
    /// the edges of bodies whatever the direction of magnetisation (Roest et al. 1992).</summary>
    AnalyticSignal = 4,
    /// <summary>TDX = atan2(total horizontal gradient, |vertical derivative|), radians in [0, pi/2]: maxima over
    /// edges, balanced between strong and weak anomalies (Cooper and Cowan 2006).</summary>
    Tdx = 5,
}

/// <summary>
/// Derivative products of a potential-field grid: the vertical derivative by the FFT filter |k| (shared engine
/// <see cref="SpectralFilter"/>), the total horizontal gradient (THDR) by finite differences in metres
/// (<see cref="HorizontalGradient"/>), and from both the tilt angle (Miller and Singh 1994), the analytic signal
/// amplitude and TDX.
/// </summary>
public static class PotentialFieldDerivatives
{
    /// <summary>The checks that need no grid, so that a caller can refuse options before it reads the grid.</summary>
    public static void CheckOptions(DerivativeKind kind, FftOptions fft, int band)
    {
        if (!Enum.IsDefined(kind))
            throw new ArgumentException($"derivative kind {(int)kind} is unknown; use Vertical, TotalHorizontalGradient, Tilt, AnalyticSignal or Tdx", nameof(kind));
        GridValidation.CheckFftOptions(fft);
        if (band < 0) throw new ArgumentException($"band must be >= 0, got {band}", nameof(band));
    }

    public static RasterGrid Compute(RasterGrid grid, DerivativeKind kind, FftOptions? fftOptions = null, int band = 0,
        IProgress<(double Fraction, string Stage)>? progress = null, CancellationToken cancellationToken = default) =>
        Run(grid, kind, fftOptions, band, fillDependence: false, progress, cancellationToken).Output;

    /// <summary>The derivative and, with <paramref name="fillDependence"/> on a grid with holes, the cells that
    /// depend on the filled values: those of the FFT vertical derivative (the finite-difference horizontal
    /// gradient never reads a hole), for every kind that uses it.</summary>
    public static FilterResult Run(RasterGrid grid, DerivativeKind kind, FftOptions? fftOptions, int band, bool fillDependence,
        IProgress<(double Fraction, string Stage)>? progress = null, CancellationToken cancellationToken = default)
    {
        var fft = fftOptions ?? new FftOptions();
        if (!Enum.IsDefined(kind))
            throw new ArgumentException($"derivative kind {(int)kind} is unknown; use Vertical, TotalHorizontalGradient, Tilt, AnalyticSignal or Tdx", nameof(kind));
        var warnings = new List<string>();
        var metric = GridValidation.Validate(grid, band, fft, warnings);
        var values = grid.Bands[band];
        cancellationToken.ThrowIfCancellationRequested();

        float[]? vertical = null, mask = null;
        var info = new SpectralRunInfo(GridPadding.Layout(grid.Width, grid.Height, 0, false), 1);
        if (kind != DerivativeKind.TotalHorizontalGradient)
        {
            var filter = RadialFilter.VerticalDerivative();
            vertical = SpectralFilter.Apply(values, grid.Width, grid.Height, metric, fft, [filter], progress, cancellationToken, out info)[0];
            if (fillDependence) mask = FillDependence.Mask(values, grid.Width, grid.Height, metric, fft, filter, vertical, cancellationToken);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var thg = kind == DerivativeKind.Vertical ? null : HorizontalGradient.TotalMagnitude(values, grid.Width, grid.Height, metric);
        float[] result = kind switch
        {
            DerivativeKind.Vertical => vertical!,
            DerivativeKind.TotalHorizontalGradient => thg!,
            DerivativeKind.Tilt => Combine(vertical!, thg!, (v, h) => MathF.Atan2(v, h)),
            DerivativeKind.AnalyticSignal => Combine(vertical!, thg!, (v, h) => MathF.Sqrt(v * v + h * h)),
            _ => Combine(vertical!, thg!, (v, h) => MathF.Atan2(h, MathF.Abs(v))),
        };
        progress?.Report((1.0, "done"));
        string name = kind switch
        {
            DerivativeKind.Vertical => "vertical_derivative",
            DerivativeKind.TotalHorizontalGradient => "total_horizontal_gradient",
            DerivativeKind.Tilt => "tilt_angle",
            DerivativeKind.AnalyticSignal => "analytic_signal",
            _ => "tdx",
        };
        var maskGrid = mask is null ? null : grid.WithBands([mask], ["depends_on_fill"]);
        return new FilterResult(grid.WithBands([result], [name]), maskGrid, warnings, info.FilledCells, info.LatitudeNodes,
            info.Layout.PaddedWidth, info.Layout.PaddedHeight);
    }

    /// <summary>Cell by cell into <paramref name="vertical"/>; NaN where either input is NaN.</summary>
    private static float[] Combine(float[] vertical, float[] thg, Func<float, float, float> f)
    {
        for (long i = 0; i < vertical.LongLength; i++)
            vertical[i] = float.IsNaN(vertical[i]) || float.IsNaN(thg[i]) ? float.NaN : f(vertical[i], thg[i]);
        return vertical;
    }
}
