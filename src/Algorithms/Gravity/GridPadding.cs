namespace GisBridge.Algorithms.Gravity;

/// <summary>Where the data sit inside the padded FFT array.</summary>
internal readonly record struct PaddedLayout(int Width, int Height, int PaddedWidth, int PaddedHeight, int Left, int Top)
{
    public int Right => PaddedWidth - Width - Left;
    public int Bottom => PaddedHeight - Height - Top;
}

/// <summary>One padded position along x or y: value = W1 * data[S1] + W2 * data[S2] (W2 = 0 for one-term modes;
/// both 0 for zero padding) + sum Terms[t] * data[TermStart + t] (maximum-entropy extension only). The taper is
/// already in the weights.</summary>
internal readonly record struct PadSource(int S1, float W1, int S2, float W2, int TermStart = 0, double[]? Terms = null)
{
    public float Apply(ReadOnlySpan<float> data)
    {
        if (Terms is { } t)
        {
            // In double: the extension's weights reach 1e4 with alternating signs (a slowly varying field is
            // extrapolated from a few cells), so float32 sums would lose the cancellation.
            double e = 0;
            for (int i = 0; i < t.Length; i++) e += t[i] * data[TermStart + i];
            return (float)e;
        }
        float v = W1 * data[S1];
        if (W2 != 0f) v += W2 * data[S2];
        return v;
    }

    public double Apply(IReadOnlyList<double> data)
    {
        double v = W1 * data[S1] + W2 * data[S2];
        if (Terms is { } t)
            for (int i = 0; i < t.Length; i++) v += t[i] * data[TermStart + i];
        return v;
    }
}

/// <summary>
/// How a grid is extended beyond its edges so that the FFT's implicit periodicity does not wrap one edge onto the
/// other: the data sit in the middle of a larger, FFT-friendly array, the margins take mirror (even reflection),
/// edge-point-symmetric (odd reflection about the edge value, GMT's default), edge or zero values, multiplied by a
/// half-cosine taper that reaches 0 at the end of the taper zone, so the periodic array is continuous. Every mode is
/// a separable linear map of at most two data cells per padded cell, which is what lets the engine pad the rows'
/// x transforms instead of the rows (see SpectralFilter and PaddedColumns).
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

    /// <summary>The sources of each of <paramref name="padded"/> positions when the data occupy
    /// [start, start + length): 1 x data inside, the padding rule times the taper outside. MaxEntropy needs the
    /// direction's predictor (<see cref="BurgPrediction"/>).</summary>
    internal static PadSource[] Sources(int padded, int start, int length, FftOptions fft, double[]? predictor = null)
    {
        var taper = fft.Taper == TaperMode.Cosine ? TaperWeights(padded, start, length, fft.TaperWidth) : null;
        if (fft.Padding == PaddingMode.MaxEntropy)
            return Predicted(padded, start, length, taper, predictor ?? throw new ArgumentNullException(nameof(predictor)));
        var s = new PadSource[padded];
        for (int p = 0; p < padded; p++)
        {
            int d = p - start;
            if (d >= 0 && d < length) { s[p] = new PadSource(d, 1f, 0, 0f); continue; }
            float w = taper?[p] ?? 1f;
            if (w == 0f || fft.Padding == PaddingMode.Zero) { s[p] = new PadSource(0, 0f, 0, 0f); continue; }
            int edge = d < 0 ? 0 : length - 1;
            if (fft.Padding == PaddingMode.SoftMirror) { s[p] = new PadSource(SourceIndex(d, length, PaddingMode.Mirror), 0.75f * w, edge, 0.25f * w); continue; }
            if (fft.Padding != PaddingMode.EdgeSymmetric) { s[p] = new PadSource(SourceIndex(d, length, fft.Padding), w, 0, 0f); continue; }
            // x[-i] = 2 x[0] - x[i]: continuous in value and slope, and exact for a linear trend.
            s[p] = new PadSource(edge, 2 * w, SourceIndex(d, length, PaddingMode.Mirror), -w);
        }
        return s;
    }

    private static PadSource[] Predicted(int padded, int start, int length, float[]? taper, double[] predictor)
    {
        var s = new PadSource[padded];
        int m = predictor.Length, before = start, after = padded - start - length;
        var left = m > 0 ? BurgPrediction.Extension(predictor, before, after: false) : null;
        var right = m > 0 ? BurgPrediction.Extension(predictor, after, after: true) : null;
        for (int p = 0; p < padded; p++)
        {
            int d = p - start;
            if (d >= 0 && d < length) { s[p] = new PadSource(d, 1f, 0, 0f); continue; }
            float w = taper?[p] ?? 1f;
            if (w == 0f || m == 0) { s[p] = new PadSource(0, 0f, 0, 0f); continue; }
            var terms = d < 0 ? left![-d - 1] : right![d - length];
            s[p] = new PadSource(0, 0f, 0, 0f, d < 0 ? 0 : length - m, Array.ConvertAll(terms, t => t * w));
        }
        return s;
    }

    /// <summary>For each padded row, its data-row sources (see <see cref="Sources"/>).</summary>
    internal static PadSource[] RowSources(PaddedLayout l, FftOptions fft, double[]? predictor = null) =>
        Sources(l.PaddedHeight, l.Top, l.Height, fft, predictor);

    /// <summary>For each padded column, its data-column sources.</summary>
    internal static PadSource[] ColumnSources(PaddedLayout l, FftOptions fft, double[]? predictor = null) =>
        Sources(l.PaddedWidth, l.Left, l.Width, fft, predictor);

    /// <summary>1 over the data, falling as a half cosine to 0 over the first <paramref name="width"/> fraction of
    /// each margin (1 = the whole margin), 0 beyond.</summary>
    internal static float[] TaperWeights(int padded, int start, int length, double width = 1)
    {
        var w = new float[padded];
        int before = Zone(start, width), after = Zone(padded - start - length, width);
        for (int i = 0; i < padded; i++)
        {
            if (i < start) w[i] = Cosine(start - i, before);
            else if (i >= start + length) w[i] = Cosine(i - (start + length) + 1, after);
            else w[i] = 1f;
        }
        return w;
    }

    private static int Zone(int margin, double width) => Math.Max(1, (int)Math.Round(margin * width));

    // d = 1..zone cells away from the data; weight 1 at d = 0 and 0 at d >= zone.
    private static float Cosine(int d, int zone) => d >= zone ? 0f : (float)(0.5 * (1 + Math.Cos(Math.PI * d / zone)));
}
