namespace GisBridge.Algorithms.Regions;

/// <summary>How the classes of the training rows are balanced before a model is fitted.</summary>
public enum ResamplingMethod
{
    /// <summary>Rows as they are (class weights, if on, do the balancing).</summary>
    None,
    /// <summary>Drop random rows of the larger classes down to the smallest class's count.</summary>
    RandomUnder,
    /// <summary>Repeat random rows of the smaller classes up to the largest class's count.</summary>
    RandomOver,
    /// <summary>Synthetic minority rows on the segment between a row and one of its k nearest same-class
    /// neighbours (Chawla et al. 2002), up to the largest class's count.</summary>
    Smote,
}

/// <summary>Rows after resampling: values, class, and the training row each came from (SMOTE: the row it
/// starts from, and the neighbour it moves towards; -1 for kept rows).</summary>
public sealed record ResampledRows(float[][] X, int[] Y, int[] Origin, int[] Neighbour);

/// <summary>Class balancing by resampling. It only ever sees the rows it is given, so the classifier applies it to
/// the training rows of one fold and no copy or synthetic row can carry a test row's values. Written here because
/// ML.NET has no resampler and SMOTE is a few lines over the imputed rows.</summary>
public static class ClassResampler
{
    public const int DefaultSmoteNeighbours = 5;

    /// <param name="x">Rows with no missing value (already imputed).</param>
    /// <param name="y">Class index of each row, 0..classes-1.</param>
    /// <param name="scale">Divisor of each feature for SMOTE's neighbour distance (e.g. the interquartile range).</param>
    public static ResampledRows Resample(IReadOnlyList<float[]> x, IReadOnlyList<int> y, int classes, ResamplingMethod method,
        int seed, IReadOnlyList<double>? scale = null, int neighbours = DefaultSmoteNeighbours)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"{x.Count} rows but {y.Count} classes", nameof(y));
        if (neighbours < 1) throw new ArgumentException($"SMOTE neighbours must be >= 1 (got {neighbours})", nameof(neighbours));
        var byClass = Enumerable.Range(0, classes).Select(c => Enumerable.Range(0, y.Count).Where(i => y[i] == c).ToArray()).ToArray();
        var present = byClass.Where(g => g.Length > 0).ToArray();
        var random = new Random(seed);
        var rows = new List<int>();
        var from = new List<int>();
        var to = new List<int>();
        var synthetic = new List<float[]>();
        void Keep(int i) { rows.Add(i); from.Add(i); to.Add(-1); synthetic.Add(x[i]); }
        switch (method)
        {
            case ResamplingMethod.None:
                for (int i = 0; i < y.Count; i++) Keep(i);
                break;
            case ResamplingMethod.RandomUnder:
            {
                int target = present.Min(g => g.Length);
                foreach (var g in present)
                    foreach (var i in g.OrderBy(_ => random.Next()).Take(target)) Keep(i);
                break;
            }
            case ResamplingMethod.RandomOver:
            {
                int target = present.Max(g => g.Length);
                foreach (var g in present)
                {
                    foreach (var i in g) Keep(i);
                    for (int extra = g.Length; extra < target; extra++) Keep(g[random.Next(g.Length)]);
                }
                break;
            }
            case ResamplingMethod.Smote:
            {
                int target = present.Max(g => g.Length);
                int f = x.Count > 0 ? x[0].Length : 0;
                var s = scale ?? Enumerable.Repeat(1.0, f).ToArray();
                foreach (var g in present)
                {
                    foreach (var i in g) Keep(i);
                    if (g.Length >= target) continue;
                    if (g.Length < 2)
                    {
                        // One row has no neighbour: repeat it, as random oversampling would.
                        for (int extra = g.Length; extra < target; extra++) Keep(g[0]);
                        continue;
                    }
                    var near = g.ToDictionary(i => i, i => Nearest(x, g, i, Math.Min(neighbours, g.Length - 1), s));
                    for (int extra = g.Length; extra < target; extra++)
                    {
                        int a = g[random.Next(g.Length)];
                        int b = near[a][random.Next(near[a].Length)];
                        float t = (float)random.NextDouble();
                        var row = new float[f];
                        for (int j = 0; j < f; j++) row[j] = x[a][j] + t * (x[b][j] - x[a][j]);
                        rows.Add(a); from.Add(a); to.Add(b); synthetic.Add(row);
                    }
                }
                break;
            }
            default:
                throw new ArgumentException($"unknown resampling method {method}", nameof(method));
        }
        return new ResampledRows([.. synthetic], rows.Select(i => y[i]).ToArray(), [.. from], [.. to]);
    }

    /// <summary>Rows per class, as counts in class order.</summary>
    public static int[] Counts(IEnumerable<int> y, int classes)
    {
        var counts = new int[classes];
        foreach (var c in y) counts[c]++;
        return counts;
    }

    public static ResamplingMethod Parse(string? name) => (name ?? "").Trim().ToLowerInvariant().Replace("_", "-") switch
    {
        "" or "none" => ResamplingMethod.None,
        "under" or "random-under" or "undersample" => ResamplingMethod.RandomUnder,
        "over" or "random-over" or "oversample" => ResamplingMethod.RandomOver,
        "smote" => ResamplingMethod.Smote,
        var other => throw new ArgumentException($"resampling '{other}' is not none, random-under, random-over or smote", nameof(name)),
    };

    public static string Name(ResamplingMethod m) => m switch
    {
        ResamplingMethod.RandomUnder => "random-under",
        ResamplingMethod.RandomOver => "random-over",
        ResamplingMethod.Smote => "smote",
        _ => "none",
    };

    private static int[] Nearest(IReadOnlyList<float[]> x, int[] group, int i, int k, IReadOnlyList<double> scale)
    {
        var xi = x[i];
        return group.Where(j => j != i).Select(j =>
        {
            double d = 0;
            for (int c = 0; c < xi.Length; c++) { double v = (xi[c] - x[j][c]) / scale[c]; d += v * v; }
            return (j, d);
        }).OrderBy(t => t.d).ThenBy(t => t.j).Take(k).Select(t => t.j).ToArray();
    }
}
