namespace GisBridge.Algorithms.Gravity;

/// <summary>
/// A plane fitted robustly (least absolute deviations by iteratively reweighted least squares) to the cells of the
/// grid's border frame: the level the field keeps beyond the edges. Unlike a plane fitted to every cell it is not
/// pulled up by anomalies inside the grid (which decay to the background outside it), and the L1 weights keep an
/// anomaly that sits on an edge from tilting it; a true regional plane is found whole.
/// </summary>
internal static class BorderPlane
{
    private const int Iterations = 12;

    public static GridTrend Fit(float[] values, int width, int height)
    {
        int t = Math.Max(2, Math.Min(width, height) / 50);
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
        return new GridTrend(a - b * xc - cy * yc, b, cy);
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
