using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Gravity;

/// <summary>The field continued to one height: regional (the continued field), residual (input - regional) and, when
/// asked for on a grid with holes, the cells of both that depend on the filled values (see <see cref="FillDependence"/>).</summary>
public sealed record ContinuationLevel(double HeightMetres, RasterGrid Regional, RasterGrid Residual, RasterGrid? FillDependence = null);

/// <summary>Result of <see cref="UpwardContinuation.Run"/>: one level per requested height, in the order given.</summary>
public sealed record UpwardContinuationResult(
    IReadOnlyList<ContinuationLevel> Levels,
    IReadOnlyList<string> Warnings,
    int PaddedWidth,
    int PaddedHeight,
    int LatitudeNodes,
    int FilledNodataCells);

/// <summary>
/// FFT upward continuation of a potential field grid (gravity, magnetics) by the filter exp(-|k| h), k in rad/m,
/// giving the regional field at each height and the residual = input - regional. See <see cref="SpectralFilter"/>
/// for padding, trend removal and nodata handling, and <see cref="GeographicGridMetric"/> for lon/lat grids.
/// Negative heights (downward continuation) are refused unless stabilised (see <see cref="UpwardContinuationOptions"/>).
/// </summary>
public static class UpwardContinuation
{
    public static UpwardContinuationResult Run(RasterGrid input, UpwardContinuationOptions options,
        IProgress<(double Fraction, string Stage)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var filters = CheckHeights(options);
        var warnings = new List<string>();
        var metric = GridValidation.Validate(input, options.Band, options.Fft, warnings);
        var values = input.Bands[options.Band];

        var regionals = SpectralFilter.Apply(values, input.Width, input.Height, metric, options.Fft, filters,
            progress, cancellationToken, out var info);

        // Before any residual is written in place: the hole perturbations are sized on the input's values.
        var masks = new float[]?[regionals.Length];
        if (options.FillDependence)
            for (int i = 0; i < regionals.Length; i++)
                masks[i] = FillDependence.Mask(values, input.Width, input.Height, metric, options.Fft, filters[i],
                    ResidualRms(values, regionals[i]), cancellationToken);

        var levels = new List<ContinuationLevel>(regionals.Length);
        for (int i = 0; i < regionals.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var regional = regionals[i];
            var residual = options.ResidualInPlace && i == regionals.Length - 1 ? values : new float[regional.Length];
            ParallelRanges.For(residual.Length, 1 << 20, (start, end) =>
            {
                for (int c = start; c < end; c++) residual[c] = values[c] - regional[c];
            });
            double h = options.Heights[i];
            levels.Add(new ContinuationLevel(h,
                input.WithBands([regional], [$"regional_{h:0.###}m"]),
                input.WithBands([residual], [$"residual_{h:0.###}m"]),
                masks[i] is { } mask ? input.WithBands([mask], [$"depends_on_fill_{h:0.###}m"]) : null));
        }
        return new UpwardContinuationResult(levels, warnings, info.Layout.PaddedWidth, info.Layout.PaddedHeight,
            info.LatitudeNodes, info.FilledCells);
    }

    /// <summary>RMS of input - regional over the valid cells.</summary>
    private static double ResidualRms(float[] values, float[] regional)
    {
        double s2 = 0; long n = 0;
        for (long i = 0; i < values.LongLength; i++)
        {
            double d = values[i] - regional[i];
            if (double.IsNaN(d)) continue;
            s2 += d * d; n++;
        }
        return n == 0 ? 0 : Math.Sqrt(s2 / n);
    }

    /// <summary>The checks that need no grid, so that a caller can refuse options before it reads the grid.</summary>
    public static void CheckOptions(UpwardContinuationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckHeights(options);
        GridValidation.CheckFftOptions(options.Fft);
        if (options.Band < 0) throw new ArgumentException($"band must be >= 0, got {options.Band}", nameof(options.Band));
    }

    private static List<RadialFilter> CheckHeights(UpwardContinuationOptions o)
    {
        if (o.Heights is null || o.Heights.Count == 0)
            throw new ArgumentException("Heights: give at least one continuation height in metres", nameof(o.Heights));
        if (o.AllowDownward && !(double.IsFinite(o.Stabilisation) && o.Stabilisation > 0))
            throw new ArgumentException(
                $"Stabilisation must be > 0 (Tikhonov parameter in m^2) when downward continuation is allowed, got {o.Stabilisation}");
        var filters = new List<RadialFilter>(o.Heights.Count);
        foreach (double h in o.Heights)
        {
            if (!double.IsFinite(h) || h == 0)
                throw new ArgumentException($"Heights: {h} is not a usable continuation height (finite and non-zero metres)", nameof(o.Heights));
            if (h > 0) { filters.Add(RadialFilter.Upward(h)); continue; }
            if (!o.AllowDownward)
                throw new ArgumentException(
                    $"Heights: {h} m is a downward continuation, which is unstable (the filter exp(|k||h|) amplifies " +
                    "short-wavelength noise without bound); use a positive height, or set AllowDownward with a " +
                    "Stabilisation > 0 (Tikhonov parameter, m^2) to get a regularised downward continuation", nameof(o.Heights));
            filters.Add(RadialFilter.StabilisedDownward(-h, o.Stabilisation));
        }
        return filters;
    }
}
