using MathNet.Numerics.Statistics;

namespace GisBridge.Algorithms.Gravity;

/// <summary>
/// A plane fitted robustly (least absolute deviations by iteratively reweighted least squares) to the cells of the
/// grid's border frame: the level the field keeps beyond the edges. Unlike a plane fitted to every cell it is not
/// pulled up by anomalies inside the grid (which decay to the background outside it), and the L1 weights keep an
/// anomaly that sits on an edge from tilting it; a true regional plane is found whole.
/// <para>
/// The plane is kept only when it stands out of the frame's own variation: its largest value at the grid's corners
/// must exceed <see cref="Significance"/> robust standard deviations (1.4826 x the median absolute residual) of the
/// frame about it. A regional trend or background level does (ratios above 180 on the test family's trend cases);
/// the flank of an anomaly or a long wave crossing the frame does not (ratios 0.04-10), and removing such a plane
/// and restoring it as if it extended to infinity is what made regional waves less accurate than GMT's untouched
/// grid (bench/README.md, issue 15). Otherwise only the frame's median level is removed, when it is one.
/// </para>
/// </summary>
internal static class BorderPlane
{
    private const int Iterations = 12;

    /// <summary>Corner value of the plane, in robust standard deviations of the frame about it, above which the
    /// plane is removed: inside the family's gap between 10 (a deep source's flank) and 180 (the weakest trend).</summary>
    public const double Significance = 30;

    public static GridTrend Fit(float[] values, int width, int height)
    {
        // A 50th of the grid, at most 16 cells: enough cells for a robust plane without a pass over millions of them.
        int t = Math.Clamp(Math.Min(width, height) / 50, 2, 16);
        var cells = new List<(double X, double Y, double V)>();
        double xc = (width - 1) / 2.0, yc = (height - 1) / 2.0;
        for (int r = 0; r < height; r++)
        {
            bool rowInFrame = r < t || r >= height - t;
            for (int c = 0; c < width; c++)
            {
                if (!rowInFrame && c >= t && c < width - t) { c = width - t - 1; continue; }
                float v = values[(long)r * width + c];
                if (!float.IsNaN(v)) cells.Add((c - xc, r - yc, v));
            }
        }
        if (cells.Count < 3) return new GridTrend(0, 0, 0);
        var w = new double[cells.Count];
        Array.Fill(w, 1.0);
        double a = 0, b = 0, cy = 0;
        for (int it = 0; it < Iterations; it++)
        {
            if (!Solve(cells, w, out a, out b, out cy)) break;
            double scale = 0;
            for (int i = 0; i < cells.Count; i++) scale = Math.Max(scale, Math.Abs(cells[i].V));
            double floor = 1e-6 * Math.Max(scale, 1e-30);
            for (int i = 0; i < cells.Count; i++)
                w[i] = 1 / Math.Max(Math.Abs(cells[i].V - (a + b * cells[i].X + cy * cells[i].Y)), floor);
        }
        var plane = new GridTrend(a - b * xc - cy * yc, b, cy);
        if (StandsOut(plane, cells, a, b, cy, width, height)) return plane;
        // No trend: the frame's median is the background level, unless it is small against the frame's spread about
        // it, as where waves cross the frame and the median is only their phase there.
        var frame = cells.Select(p => p.V).ToArray();
        double level = ArrayStatistics.MedianInplace(frame);
        var deviations = frame.Select(v => Math.Abs(v - level)).ToArray();
        return Math.Abs(level) > LevelSignificance * 1.4826 * ArrayStatistics.MedianInplace(deviations)
            ? new GridTrend(level, 0, 0) : new GridTrend(0, 0, 0);
    }

    /// <summary>The level kept, in robust standard deviations of the frame about it: the family's backgrounds are at
    /// 0.84-2.6 (V18's real grid 1.42), waves crossing the frame at 0.00-0.03.</summary>
    public const double LevelSignificance = 0.5;

    private static bool StandsOut(GridTrend plane, List<(double X, double Y, double V)> cells, double a, double b, double c,
        int width, int height)
    {
        var residuals = cells.Select(p => Math.Abs(p.V - (a + b * p.X + c * p.Y))).ToArray();
        double spread = 1.4826 * ArrayStatistics.MedianInplace(residuals);
        double corner = new[] { plane.At(0, 0), plane.At(width - 1, 0), plane.At(0, height - 1), plane.At(width - 1, height - 1) }
            .Max(Math.Abs);
        return corner > Significance * spread;
    }

    private static bool Solve(List<(double X, double Y, double V)> cells, double[] w, out double a, out double b, out double c)
    {
        double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, sv = 0, sxv = 0, syv = 0;
        for (int i = 0; i < cells.Count; i++)
        {
            var (x, y, v) = cells[i];
            double wi = w[i];
            n += wi; sx += wi * x; sy += wi * y; sxx += wi * x * x; syy += wi * y * y; sxy += wi * x * y;
            sv += wi * v; sxv += wi * x * v; syv += wi * y * v;
        }
        // Cramer's rule on the 3x3 weighted normal equations.
        double det = n * (sxx * syy - sxy * sxy) - sx * (sx * syy - sxy * sy) + sy * (sx * sxy - sxx * sy);
        a = b = c = 0;
        if (!(Math.Abs(det) > 1e-12 * n * Math.Max(sxx, 1) * Math.Max(syy, 1))) return false;
        a = (sv * (sxx * syy - sxy * sxy) - sx * (sxv * syy - sxy * syv) + sy * (sxv * sxy - sxx * syv)) / det;
        b = (n * (sxv * syy - syv * sxy) - sv * (sx * syy - sxy * sy) + sy * (sx * syv - sxv * sy)) / det;
        c = (n * (sxx * syv - sxy * sxv) - sx * (sx * syv - sxv * sy) + sv * (sx * sxy - sxx * sy)) / det;
        return true;
    }
}
