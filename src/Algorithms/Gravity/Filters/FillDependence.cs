using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Gravity;

/// <summary>
/// Which cells of a filtered grid depend materially on the values filled into its nodata holes.
/// <para>
/// Rule: the filter is applied to three perturbations that are zero outside the holes and, inside each hole, a
/// level and two tilts of the size of the standard deviation of the valid cells around it (see
/// <see cref="HolePerturbation"/>): a fill can be wrong by about as much as the data vary there. A valid cell
/// depends on the fill when the root-sum-square of the three responses exceeds <see cref="Threshold"/> (1 %) of the RMS of the filtered grid. The filters
/// are linear, so this is how far the result at a cell would move if the fill were wrong by that much; it follows
/// each filter's own reach (a short-wavelength derivative flags a narrow rim, a long-wavelength low-pass or a
/// directional filter a wide one) without a hand-set distance. Output: 1 = depends on filled values, 0 = does
/// not, NaN = the hole itself.
/// </para>
/// </summary>
public static class FillDependence
{
    public const double Threshold = 0.01;

    /// <summary>The mask for <paramref name="output"/> = filter(values), or null when nothing was filled.</summary>
    internal static float[]? Mask(float[] values, int width, int height, GridMetric metric, FftOptions fft, RadialFilter filter,
        float[] output, CancellationToken ct) =>
        Mask(values, width, height, metric, fft, filter, Rms(output, centred: filter.RestoresTrend), ct);

    /// <summary>The mask with the 1 % taken of <paramref name="scale"/>, the RMS of the output the user reads (for a
    /// continuation, the residual: the fill moves it as much as the regional, and it is the smaller of the two).</summary>
    internal static float[]? Mask(float[] values, int width, int height, GridMetric metric, FftOptions fft, RadialFilter filter,
        double scale, CancellationToken ct)
    {
        var perturbations = HolePerturbation.Create(values, width, height);
        if (perturbations is null) return null;
        var sumSquares = new float[values.Length];
        foreach (var perturbation in perturbations)
        {
            // Nothing to detrend in a perturbation: its response is the filter's, and nothing else.
            var response = SpectralFilter.Apply(perturbation, width, height, metric, fft with { Detrend = DetrendMode.None },
                [filter], null, ct, out _)[0];
            for (long i = 0; i < sumSquares.LongLength; i++) sumSquares[i] += response[i] * response[i];
        }
        double limit = Threshold * scale;
        float limit2 = (float)(limit * limit);
        var mask = new float[values.Length];
        for (long i = 0; i < values.LongLength; i++)
            mask[i] = float.IsNaN(values[i]) ? float.NaN : sumSquares[i] > limit2 ? 1f : 0f;
        return mask;
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
