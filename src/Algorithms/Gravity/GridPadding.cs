namespace GisBridge.Algorithms.Gravity;

/// <summary>Where the data sit inside the padded FFT array.</summary>
internal readonly record struct PaddedLayout(int Width, int Height, int PaddedWidth, int PaddedHeight, int Left, int Top)
{
    public int Right => PaddedWidth - Width - Left;
    public int Bottom => PaddedHeight - Height - Top;
}

/// <summary>
/// How a grid is extended beyond its edges so that the FFT's implicit periodicity does not wrap one edge onto the
/// other: the data sit in the middle of a larger, FFT-friendly array, the margins take mirror (even reflection),
/// edge or zero values, multiplied by a half-cosine taper that reaches 0 at the array's outer edge, so the
/// periodic array is continuous. (The engine generates the padded rows from these rules, see SpectralFilter.)
/// </summary>
internal static class GridPadding
{
    public static PaddedLayout Layout(int width, int height, double padFraction, bool periodicX)
    {
        int padX = periodicX ? 0 : (int)Math.Ceiling(padFraction * width);
        int padY = (int)Math.Ceiling(padFraction * height);
        int pw = periodicX ? width : FftFriendlySize(width + 2 * padX);
        int ph = FftFriendlySize(height + 2 * padY);
        return new PaddedLayout(width, height, pw, ph, (pw - width) / 2, (ph - height) / 2);
    }

    /// <summary>Smallest n' &gt;= n whose prime factors are 2, 3, 5 and 7 (fast for the FFT).</summary>
    public static int FftFriendlySize(int n)
    {
        for (int m = Math.Max(n, 1); ; m++)
        {
            int r = m;
            foreach (int p in (ReadOnlySpan<int>)[2, 3, 5, 7])
                while (r % p == 0) r /= p;
            if (r == 1) return m;
        }
    }

    /// <summary>Index inside 0..n-1 that feeds position i (which may be outside) for mirror or edge padding.</summary>
    internal static int SourceIndex(int i, int n, PaddingMode mode)
    {
        if (i >= 0 && i < n) return i;
        if (mode == PaddingMode.Edge || n == 1) return i < 0 ? 0 : n - 1;
        int period = 2 * (n - 1);
        int m = ((i % period) + period) % period;
        return m < n ? m : period - m;
    }

    /// <summary>
    /// For each padded row, the data row it repeats and its weight: 1 over the data; in the margins the mirror or
    /// edge source row and the taper (1 without one); 0 for zero padding (source row 0). The padding is separable,
    /// so padded row pr is Weight[pr] times data row Source[pr] padded along x.
    /// </summary>
    internal static (int[] Source, float[] Weight) RowSources(PaddedLayout l, FftOptions fft)
    {
        int ph = l.PaddedHeight;
        var taper = fft.Taper == TaperMode.Cosine ? TaperWeights(ph, l.Top, l.Height) : null;
        var source = new int[ph];
        var weight = new float[ph];
        for (int pr = 0; pr < ph; pr++)
        {
            int dr = pr - l.Top;
            bool inData = dr >= 0 && dr < l.Height;
            source[pr] = inData ? dr : fft.Padding == PaddingMode.Zero ? 0 : SourceIndex(dr, l.Height, fft.Padding);
            weight[pr] = inData ? 1f : fft.Padding == PaddingMode.Zero ? 0f : taper?[pr] ?? 1f;
        }
        return (source, weight);
    }

    /// <summary>1 over the data, falling as a half cosine to 0 at the outer edge of each margin.</summary>
    internal static float[] TaperWeights(int padded, int start, int length)
    {
        var w = new float[padded];
        int before = start, after = padded - start - length;
        for (int i = 0; i < padded; i++)
        {
            if (i < start) w[i] = Cosine(start - i, before);
            else if (i >= start + length) w[i] = Cosine(i - (start + length) + 1, after);
            else w[i] = 1f;
        }
        return w;
    }

    // d = 1..margin cells away from the data; weight 1 at d = 0 and 0 at d = margin.
    private static float Cosine(int d, int margin) => (float)(0.5 * (1 + Math.Cos(Math.PI * d / margin)));
}
