namespace GisBridge.Algorithms.Lithology.Synthetic;

/// <summary>
/// The potential-field operations the synthetic benchmark needs, on grids in mGal with square cells in metres:
/// upward continuation (regional) and its residual, first vertical derivative, total horizontal gradient.
/// The residual is the one place to switch to the shared Gravity UpwardContinuation at merge.
/// </summary>
public static class PotentialFieldFilters
{
    /// <summary>Field continued upward by <paramref name="height"/> metres: spectrum x exp(-|k| h).</summary>
    public static double[] UpwardContinue(double[] field, int w, int h, double cell, double height) =>
        Fft2D.FilterRadial(field, w, h, cell, cell, k => Math.Exp(-k * height), mirror: true);

    /// <summary>Residual = field - upward continuation to <paramref name="height"/> (paper: 10 km).</summary>
    public static double[] Residual(double[] field, int w, int h, double cell, double height)
    {
        var regional = UpwardContinue(field, w, h, cell, height);
        var r = new double[field.Length];
        for (int i = 0; i < r.Length; i++) r[i] = field[i] - regional[i];
        return r;
    }

    /// <summary>First vertical derivative (per km): spectrum x |k|.</summary>
    public static double[] VerticalDerivative(double[] field, int w, int h, double cell) =>
        Fft2D.FilterRadial(field, w, h, cell, cell, k => k * 1000.0, mirror: true);

    /// <summary>Total horizontal gradient sqrt(gx^2 + gy^2) per km by central differences (one-sided at edges).</summary>
    public static double[] HorizontalGradient(double[] field, int w, int h, double cell)
    {
        var g = new double[field.Length];
        double perKm = 1000.0 / cell;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int x0 = Math.Max(0, x - 1), x1 = Math.Min(w - 1, x + 1), y0 = Math.Max(0, y - 1), y1 = Math.Min(h - 1, y + 1);
                double gx = x1 > x0 ? (field[y * w + x1] - field[y * w + x0]) / (x1 - x0) : 0;
                double gy = y1 > y0 ? (field[y1 * w + x] - field[y0 * w + x]) / (y1 - y0) : 0;
                g[y * w + x] = Math.Sqrt(gx * gx + gy * gy) * perKm;
            }
        return g;
    }
}
