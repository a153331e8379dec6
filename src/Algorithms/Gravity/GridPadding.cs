namespace GisBridge.Algorithms.Gravity;

/// <summary>Where the data sit inside the padded FFT array.</summary>
internal readonly record struct PaddedLayout(int Width, int Height, int PaddedWidth, int PaddedHeight, int Left, int Top)
{
    public int Right => PaddedWidth - Width - Left;
    public int Bottom => PaddedHeight - Height - Top;
}

/// <summary>
/// Extends a grid beyond its edges so that the FFT's implicit periodicity does not wrap one edge onto the other:
/// the data are placed in the middle of a larger, FFT-friendly array, the margins are filled by mirror (even
/// reflection), edge repetition or zeros, then multiplied by a half-cosine taper that reaches 0 at the array's
/// outer edge, so the periodic array is continuous.
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

    /// <summary>
    /// Fills the margins of <paramref name="buffer"/> (row-major, PaddedWidth x PaddedHeight) from the data block
    /// already written at (Left, Top), then applies the taper to the margins.
    /// </summary>
    public static void Extend(Span<float> buffer, PaddedLayout l, PaddingMode mode, TaperMode taper)
    {
        int pw = l.PaddedWidth;
        // Columns first on the data rows, then whole rows, so that corners get the 2-D extension.
        for (int r = l.Top; r < l.Top + l.Height; r++)
        {
            var row = buffer.Slice(r * pw, pw);
            for (int c = 0; c < pw; c++)
            {
                if (c >= l.Left && c < l.Left + l.Width) continue;
                row[c] = mode == PaddingMode.Zero ? 0f : row[l.Left + SourceIndex(c - l.Left, l.Width, mode)];
            }
        }
        for (int r = 0; r < l.PaddedHeight; r++)
        {
            if (r >= l.Top && r < l.Top + l.Height) continue;
            var row = buffer.Slice(r * pw, pw);
            if (mode == PaddingMode.Zero) { row.Clear(); continue; }
            int source = l.Top + SourceIndex(r - l.Top, l.Height, mode);
            buffer.Slice(source * pw, pw).CopyTo(row);
        }
        if (taper == TaperMode.Cosine) ApplyTaper(buffer, l);
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

    private static void ApplyTaper(Span<float> buffer, PaddedLayout l)
    {
        var wx = TaperWeights(l.PaddedWidth, l.Left, l.Width);
        var wy = TaperWeights(l.PaddedHeight, l.Top, l.Height);
        for (int r = 0; r < l.PaddedHeight; r++)
        {
            var row = buffer.Slice(r * l.PaddedWidth, l.PaddedWidth);
            float fy = wy[r];
            for (int c = 0; c < row.Length; c++)
            {
                float f = fy * wx[c];
                if (f != 1f) row[c] *= f;
            }
        }
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
