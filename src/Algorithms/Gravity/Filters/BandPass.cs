using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Gravity;

/// <summary>
/// Gaussian, Butterworth or cosine low-, high- or band-pass of a potential-field grid with cut-offs in km
/// (<see cref="WavelengthFilter"/>), through the shared FFT engine (<see cref="SpectralFilter"/>: detrend, hole
/// fill, padding; lon/lat grids filtered with their local metric, see <see cref="GeographicGridMetric"/>).
/// </summary>
public static class BandPass
{
    public static FilterResult Run(RasterGrid input, BandPassOptions options,
        IProgress<(double Fraction, string Stage)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckOptions(options);
        var filter = new WavelengthFilter(options);
        string name = Name(options);
        return FilterRun.Apply(input, options.Band, options.Fft, filter, name, options.FillDependence, progress, cancellationToken);
    }

    /// <summary>The checks that need no grid, so that a caller can refuse options before it reads the grid.</summary>
    public static void CheckOptions(BandPassOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(o.Fft);
        GridValidation.CheckFftOptions(o.Fft);
        if (o.Band < 0) throw new ArgumentException($"band must be >= 0, got {o.Band}");
        if (!Enum.IsDefined(o.Shape))
            throw new ArgumentException($"Shape {(int)o.Shape} is not a band-pass shape (Gaussian, Butterworth, Cosine)");
        if (!double.IsFinite(o.LongCutoffKm) || o.LongCutoffKm < 0 || !double.IsFinite(o.ShortCutoffKm) || o.ShortCutoffKm < 0)
            throw new ArgumentException($"cut-off wavelengths must be finite and >= 0 km (0 = none), got long {o.LongCutoffKm}, short {o.ShortCutoffKm}");
        if (o.LongCutoffKm == 0 && o.ShortCutoffKm == 0)
            throw new ArgumentException("give a cut-off wavelength: LongCutoffKm (high-pass), ShortCutoffKm (low-pass) or both (band-pass)");
        if (o.LongCutoffKm > 0 && o.ShortCutoffKm > 0 && o.LongCutoffKm <= o.ShortCutoffKm)
            throw new ArgumentException(
                $"band-pass: the long cut-off ({o.LongCutoffKm} km) must be longer than the short cut-off ({o.ShortCutoffKm} km)");
        if (o.Shape == BandPassShape.Butterworth && !(double.IsFinite(o.Order) && o.Order >= 1 && o.Order <= 32))
            throw new ArgumentException($"Butterworth order must be between 1 and 32, got {o.Order}");
        if (o.Shape == BandPassShape.Cosine && !(double.IsFinite(o.Rolloff) && o.Rolloff > 0 && o.Rolloff < 2))
            throw new ArgumentException($"cosine roll-off width must be in (0, 2) (fraction of the cut-off wavenumber), got {o.Rolloff}");
    }

    private static string Name(BandPassOptions o)
    {
        string kind = o.LongCutoffKm > 0 && o.ShortCutoffKm > 0 ? "bandpass" : o.LongCutoffKm > 0 ? "highpass" : "lowpass";
        return $"{o.Shape.ToString().ToLowerInvariant()}_{kind}";
    }
}
