namespace GisBridge.Algorithms.Regions;

/// <summary>Novelty score of a row: mean distance to its k nearest training rows in robust units (feature minus
/// training median, over the training interquartile range), using only the features the row has (root mean
/// square over those), so a row with fewer indicators is not made to look near or far by the missing ones. A
/// row far from everything the model learnt from scores high. Written here because ML.NET has no
/// nearest-neighbour search; brute force is enough for tens of thousands of training rows.</summary>
public sealed record KnnNovelty(double[] Center, double[] Scale, float[][] Reference, int Neighbours)
{
    public const int DefaultNeighbours = 5;

    /// <summary>Reference = the training rows with missing values replaced by the training medians.</summary>
    public static KnnNovelty Fit(IReadOnlyList<float[]> rows, int neighbours = DefaultNeighbours)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("novelty needs at least one training row", nameof(rows));
        if (neighbours < 1) throw new ArgumentException($"neighbours must be >= 1 (got {neighbours})", nameof(neighbours));
        int f = rows[0].Length;
        var center = new double[f]; var scale = new double[f];
        for (int j = 0; j < f; j++)
        {
            var col = rows.Select(r => (double)r[j]).Where(double.IsFinite).ToArray();
            center[j] = col.Length > 0 ? FeatureMatrixBuilder.Median(col) : 0;
            double iqr = col.Length > 0 ? FeatureMatrixBuilder.Quantile(col, 0.75) - FeatureMatrixBuilder.Quantile(col, 0.25) : 0;
            scale[j] = iqr > 0 ? iqr : 1;
        }
        var reference = rows.Select(r =>
        {
            var s = new float[f];
            for (int j = 0; j < f; j++) s[j] = (float)((float.IsFinite(r[j]) ? r[j] - center[j] : 0) / scale[j]);
            return s;
        }).ToArray();
        return new KnnNovelty(center, scale, reference, Math.Min(neighbours, rows.Count));
    }

    /// <summary>Scores rows (NaN = missing; a row with no value scores NaN).</summary>
    public double[] Score(IReadOnlyList<float[]> rows)
    {
        var scores = new double[rows.Count];
        Parallel.For(0, rows.Count, i => scores[i] = ScoreOne(rows[i]));
        return scores;
    }

    private double ScoreOne(float[] row)
    {
        int f = Center.Length;
        var present = Enumerable.Range(0, f).Where(j => float.IsFinite(row[j])).ToArray();
        if (present.Length == 0) return double.NaN;
        var q = present.Select(j => (row[j] - Center[j]) / Scale[j]).ToArray();
        // Keep the k smallest squared distances in a small sorted buffer.
        var best = Enumerable.Repeat(double.PositiveInfinity, Neighbours).ToArray();
        foreach (var r in Reference)
        {
            double d = 0;
            for (int t = 0; t < present.Length; t++) { double v = q[t] - r[present[t]]; d += v * v; }
            if (d >= best[^1]) continue;
            int k = best.Length - 1;
            while (k > 0 && best[k - 1] > d) { best[k] = best[k - 1]; k--; }
            best[k] = d;
        }
        return best.Average(d => Math.Sqrt(d / present.Length));
    }
}
