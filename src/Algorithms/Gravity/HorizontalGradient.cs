namespace GisBridge.Algorithms.Gravity;

/// <summary>
/// Horizontal derivatives by finite differences in metres (per-row spacing, so lon/lat grids are right): central
/// differences inside, one-sided next to an edge or a nodata cell, NaN where neither neighbour exists. Finite
/// differences need no padding and are exact for the plane that the FFT path removes.
/// </summary>
internal static class HorizontalGradient
{
    /// <summary>sqrt((df/dx)^2 + (df/dy)^2) in units per metre; NaN where the input is NaN.</summary>
    public static float[] TotalMagnitude(float[] f, int width, int height, GridMetric metric)
    {
        var result = new float[f.Length];
        for (int r = 0; r < height; r++)
        {
            var (dx, dy) = metric.RowSpacing(r);
            for (int c = 0; c < width; c++)
            {
                long i = (long)r * width + c;
                if (float.IsNaN(f[i])) { result[i] = float.NaN; continue; }
                double gx = Derivative(f, i, c > 0 ? i - 1 : -1, c < width - 1 ? i + 1 : -1, dx, f[i]);
                double gy = Derivative(f, i, r > 0 ? i - width : -1, r < height - 1 ? i + width : -1, dy, f[i]);
                // Row spacing differs between neighbouring rows of a lon/lat grid only at second order; the
                // sign of dy (north-up or south-up) does not matter for the magnitude.
                result[i] = double.IsNaN(gx) || double.IsNaN(gy) ? float.NaN : (float)Math.Sqrt(gx * gx + gy * gy);
            }
        }
        return result;
    }

    private static double Derivative(float[] f, long i, long before, long after, double spacing, float centre)
    {
        bool hasBefore = before >= 0 && !float.IsNaN(f[before]);
        bool hasAfter = after >= 0 && !float.IsNaN(f[after]);
        if (hasBefore && hasAfter) return (f[after] - (double)f[before]) / (2 * spacing);
        if (hasAfter) return (f[after] - (double)centre) / spacing;
        if (hasBefore) return (centre - (double)f[before]) / spacing;
        return double.NaN;
    }
}
