namespace GisBridge.Algorithms.Lithology.Data;

/// <summary>Per-channel mean / standard deviation applied to the network input: x' = (x - mean) / std, NaN -> 0.</summary>
public sealed record ChannelNormalization(float[] Mean, float[] Std)
{
    public int Channels => Mean.Length;

    /// <summary>Statistics over all finite cells of the tiles (std floored at 1e-6 of the scale to avoid a division by zero).</summary>
    public static ChannelNormalization FromTiles(IReadOnlyList<SegmentationTile> tiles)
    {
        if (tiles.Count == 0) throw new ArgumentException("normalisation: no tile to compute statistics from");
        int c = tiles[0].Bands.Count;
        var mean = new float[c];
        var std = new float[c];
        for (int b = 0; b < c; b++)
        {
            double sum = 0, sum2 = 0;
            long n = 0;
            foreach (var t in tiles)
                foreach (var v in t.Bands[b])
                    if (float.IsFinite(v)) { sum += v; sum2 += (double)v * v; n++; }
            if (n == 0) throw new ArgumentException($"normalisation: band {b} has no finite value in the training tiles");
            double m = sum / n;
            double var = Math.Max(0, sum2 / n - m * m);
            mean[b] = (float)m;
            std[b] = (float)Math.Max(Math.Sqrt(var), 1e-6 * Math.Max(1, Math.Abs(m)));
        }
        return new ChannelNormalization(mean, std);
    }

    /// <summary>Normalises band <paramref name="band"/> values into <paramref name="destination"/>.</summary>
    public void Apply(int band, ReadOnlySpan<float> source, Span<float> destination)
    {
        float m = Mean[band], inv = 1f / Std[band];
        for (int i = 0; i < source.Length; i++)
            destination[i] = float.IsFinite(source[i]) ? (source[i] - m) * inv : 0f;
    }
}
