using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Gravity;

/// <summary>
/// A trend a + b*column + c*row fitted to the valid cells (least squares; mean only, or nothing). It is removed
/// before the transform so that the padding starts from values near zero, and added back to continued fields
/// (a plane is harmonic: it continues unchanged).
/// </summary>
internal readonly record struct GridTrend(double A, double B, double C)
{
    public double At(int column, int row) => A + B * column + C * row;

    public static GridTrend Fit(float[] values, int width, int height, DetrendMode mode)
    {
        if (mode == DetrendMode.None) return new GridTrend(0, 0, 0);
        if (mode == DetrendMode.BorderPlane) return BorderPlane.Fit(values, width, height);
        // Centred coordinates keep the normal equations well conditioned. Row ranges are summed in parallel and
        // combined in range order (the same bits on any machine).
        double xc = (width - 1) / 2.0, yc = (height - 1) / 2.0;
        var parts = ParallelRanges.Map(height, 256, (first, end) => Sums(values, width, first, end, xc, yc));
        double n = 0, sv = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, sxv = 0, syv = 0;
        foreach (var p in parts)
        {
            n += p.N; sv += p.V; sx += p.X; sy += p.Y; sxx += p.XX; syy += p.YY; sxy += p.XY; sxv += p.XV; syv += p.YV;
        }
        double mean = sv / n;
        if (mode == DetrendMode.Mean || n < 3) return new GridTrend(mean, 0, 0);
        // Solve the 3x3 normal equations by Cramer's rule.
        double[,] m = { { n, sx, sy }, { sx, sxx, sxy }, { sy, sxy, syy } };
        double[] rhs = [sv, sxv, syv];
        double det = Det(m);
        if (Math.Abs(det) < 1e-12 * n * Math.Max(sxx, 1) * Math.Max(syy, 1)) return new GridTrend(mean, 0, 0);
        var sol = new double[3];
        for (int k = 0; k < 3; k++)
        {
            var mk = (double[,])m.Clone();
            for (int i = 0; i < 3; i++) mk[i, k] = rhs[i];
            sol[k] = Det(mk) / det;
        }
        // Back to uncentred column/row coordinates.
        return new GridTrend(sol[0] - sol[1] * xc - sol[2] * yc, sol[1], sol[2]);
    }

    private readonly record struct PlaneSums(double N, double V, double X, double Y, double XX, double YY, double XY, double XV, double YV);

    /// <summary>The normal-equation sums over rows [first, end): per row over x, then weighted by the row's y.</summary>
    private static PlaneSums Sums(float[] values, int width, int first, int end, double xc, double yc)
    {
        double n = 0, sv = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, sxv = 0, syv = 0;
        for (int r = first; r < end; r++)
        {
            double y = r - yc;
            double rn = 0, rv = 0, rx = 0, rxx = 0, rxv = 0;
            var row = values.AsSpan(r * width, width);
            for (int c = 0; c < row.Length; c++)
            {
                float v = row[c];
                if (float.IsNaN(v)) continue;
                double x = c - xc;
                rn++; rv += v; rx += x; rxx += x * x; rxv += x * v;
            }
            n += rn; sv += rv; sx += rx; sxx += rxx; sxv += rxv;
            sy += y * rn; syy += y * y * rn; sxy += y * rx; syv += y * rv;
        }
        return new PlaneSums(n, sv, sx, sy, sxx, syy, sxy, sxv, syv);
    }

    private static double Det(double[,] m) =>
        m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1])
        - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0])
        + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);
}
