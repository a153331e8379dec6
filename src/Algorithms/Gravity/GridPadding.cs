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
