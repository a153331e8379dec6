using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Gravity;

/// <summary>
/// Which cells of a filtered grid depend materially on the values filled into its nodata holes.
/// <para>
/// Rule: the filter is applied to a perturbation that is one standard deviation of the valid data (about their
/// mean) in every hole and zero elsewhere; a valid cell depends on the fill when the magnitude of that response
/// exceeds <see cref="Threshold"/> (1 %) of the RMS of the filtered grid. The filters are linear, so this is how
/// far the result at a cell would move if the fill were wrong by one standard deviation everywhere; it follows
/// each filter's own reach (a short-wavelength derivative flags a narrow rim, a long-wavelength low-pass a wide one)
/// without a hand-set distance. Output: 1 = depends on filled values, 0 = does not, NaN = the hole itself.
/// </para>
/// </summary>
internal static class FillDependence
{
    public const double Threshold = 0.01;

    /// <summary>The mask for <paramref name="output"/> = filter(values), or null when nothing was filled.</summary>
    public static float[]? Mask(float[] values, int width, int height, GridMetric metric, FftOptions fft, RadialFilter filter,
        float[] output, CancellationToken ct)
    {
        var (sigma, anyHole) = ValidSpread(values);
        if (!anyHole) return null;
        var perturbation = new float[values.Length];
        for (long i = 0; i < values.LongLength; i++) perturbation[i] = float.IsNaN(values[i]) ? (float)sigma : 0f;
        // Nothing to detrend in the perturbation: its response is the filter's, and nothing else.
        var response = SpectralFilter.Apply(perturbation, width, height, metric, fft with { Detrend = DetrendMode.None },
            [filter], null, ct, out _)[0];
        double limit = Threshold * Rms(output, centred: filter.RestoresTrend);
        var mask = new float[values.Length];
        for (long i = 0; i < values.LongLength; i++)
            mask[i] = float.IsNaN(values[i]) ? float.NaN : Math.Abs(response[i]) > limit ? 1f : 0f;
        return mask;
    }

    private static (double Sigma, bool AnyHole) ValidSpread(float[] values)
    {
        double s = 0, s2 = 0; long n = 0;
        foreach (float v in values)
        {
            if (float.IsNaN(v)) continue;
            s += v; s2 += (double)v * v; n++;
        }
        double mean = s / n;
        return (Math.Sqrt(Math.Max(0, s2 / n - mean * mean)), n < values.LongLength);
    }

    /// <summary>RMS of the valid cells, about their mean when the output keeps the mean (a low-pass).</summary>
    private static double Rms(float[] output, bool centred)
    {
        double s = 0, s2 = 0; long n = 0;
        foreach (float v in output)
        {
            if (float.IsNaN(v)) continue;
            s += v; s2 += (double)v * v; n++;
        }
        if (n == 0) return 0;
        double mean = centred ? s / n : 0;
        return Math.Sqrt(Math.Max(0, s2 / n - mean * mean));
    }
}
