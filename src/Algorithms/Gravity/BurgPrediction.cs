namespace GisBridge.Algorithms.Gravity;

/// <summary>
/// Maximum-entropy (Burg 1967) extrapolation for the padding: one autoregressive predictor per direction, fitted
/// to all rows (for x) or all columns (for y) of the detrended grid at once (the multi-segment Burg estimate: each
/// reflection coefficient minimises the forward plus backward prediction error summed over the sequences), then
/// run outwards from each edge. Because the predictor is shared, every padded cell is the same linear combination
/// of the last Order data cells of its row (or column), which keeps the padding separable and linear for the
/// engine (see GridPadding). Written here because no library in the stack offers a multi-sequence Burg fit.
/// Burg's reflection coefficients are below 1 in magnitude, so the predictor is stable and the extension decays.
/// </summary>
internal static class BurgPrediction
{
    /// <summary>Default predictor order (cells of memory), chosen on the edge-case family and the 10800 x 5400
    /// benchmark grid (bench/README.md, issue 15): orders 2 and 4 beat GMT on all 26 family cases, order 4 is the
    /// more accurate on masses at the edges, but only order 2 also beats GMT on the benchmark's regional waves. Order 2
    /// is also the better conditioned: its extension weights stay below 100 where order 4's reach 1e4, so noise in
    /// the edge cells is amplified far less; orders 3, 5, 6 and 8 each lost to GMT somewhere.</summary>
    public const int DefaultOrder = 2;

    /// <summary>Most cells used for one direction's fit (evenly spaced rows or columns beyond that): the fit's
    /// copies stay small beside the transform's buffers, and a few hundred sequences fix four coefficients.</summary>
    private const long MaxCells = 2_000_000;

    /// <summary>The predictors along x and along y of the detrended grid (values - trend): a[1..p] with
    /// x[n] ~ -sum a[i] x[n - i] (forward) and x[n] ~ -sum a[i] x[n + i] (backward).</summary>
    public static (double[] AlongX, double[] AlongY) Fit(float[] values, int width, int height, GridTrend trend, int order = DefaultOrder)
    {
        double[] Row(int r) { var s = new double[width]; for (int c = 0; c < width; c++) s[c] = values[r * width + c] - trend.At(c, r); return s; }
        double[] Column(int c) { var s = new double[height]; for (int r = 0; r < height; r++) s[r] = values[r * width + c] - trend.At(c, r); return s; }
        return (Coefficients(Spaced(height, width).Select(Row).ToArray(), Math.Min(order, width / 2)),
                Coefficients(Spaced(width, height).Select(Column).ToArray(), Math.Min(order, height / 2)));
    }

    private static IEnumerable<int> Spaced(int count, int length)
    {
        int most = (int)Math.Clamp(MaxCells / length, 16, count);
        return Enumerable.Range(0, most).Select(i => (int)((long)i * count / most));
    }

    /// <summary>Multi-sequence Burg recursion for a[1..order]; overwrites <paramref name="sequences"/>.</summary>
    internal static double[] Coefficients(double[][] sequences, int order)
    {
        var f = sequences; // the caller's fresh copies: the forward errors overwrite them
        var b = sequences.Select(s => (double[])s.Clone()).ToArray();
        var a = new double[order + 1];
        a[0] = 1;
        for (int p = 0; p < order; p++)
        {
            double num = 0, den = 0;
            for (int s = 0; s < f.Length; s++)
                for (int i = p + 1; i < f[s].Length; i++)
                {
                    num += f[s][i] * b[s][i - 1];
                    den += f[s][i] * f[s][i] + b[s][i - 1] * b[s][i - 1];
                }
            double k = den > 0 ? -2 * num / den : 0;
            for (int s = 0; s < f.Length; s++)
                for (int i = f[s].Length - 1; i > p; i--)
                {
                    double fi = f[s][i], bi = b[s][i - 1];
                    f[s][i] = fi + k * bi;
                    b[s][i] = bi + k * fi;
                }
            // Levinson update: a'[i] = a[i] + k a[p + 1 - i].
            var next = (double[])a.Clone();
            for (int i = 1; i <= p + 1; i++) next[i] = a[i] + k * a[p + 1 - i];
            a = next;
        }
        return a[1..];
    }

    /// <summary>Weights of the extension over the edge cells: for the j-th cell beyond the edge (j = 0 next to it),
    /// its value as a combination of the m = a.Length data cells nearest the edge, ordered from the data's side
    /// inwards-out: for <paramref name="after"/> the cells length-m .. length-1, else 0 .. m-1.</summary>
    public static double[][] Extension(double[] a, int cells, bool after)
    {
        int m = a.Length;
        // Each value is a vector over the m edge cells; the data cells are unit vectors.
        var values = new List<double[]>();
        for (int t = 0; t < m; t++) { var e = new double[m]; e[t] = 1; values.Add(e); }
        var result = new double[cells][];
        for (int j = 0; j < cells; j++)
        {
            var v = new double[m];
            for (int i = 1; i <= m; i++)
            {
                // x[L + j] = -sum a_i x[L + j - i]; before the start the same recursion runs on the reversed data
                // (a real stationary sequence has the same forward and backward predictor).
                var prior = values[m + j - i];
                for (int t = 0; t < m; t++) v[t] -= a[i - 1] * prior[t];
            }
            values.Add(v);
            result[j] = v;
        }
        if (after) return result;
        // Built with the data reversed (cell 0 at the end): map back so that weight t applies to data cell t.
        return result.Select(v => v.Reverse().ToArray()).ToArray();
    }
}
