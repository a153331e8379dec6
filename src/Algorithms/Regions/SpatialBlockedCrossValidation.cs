using System.Globalization;
using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Regions;

/// <summary>Options of <see cref="SpatialBlockedCrossValidation"/>.</summary>
public sealed record BlockedCrossValidationOptions
{
    /// <summary>Number of folds. Default 5.</summary>
    public int Folds { get; init; } = 5;
    /// <summary>Size of the latitude/longitude cells used as blocks, degrees. Default 5.</summary>
    public double BlockSizeDegrees { get; init; } = 5;
    /// <summary>Block by the values of this column instead (e.g. a ridge segment); null = lat/lon cells.</summary>
    public string? BlockField { get; init; }
    /// <summary>Every distinct block is its own fold (leave-one-source-out with the block field "source",
    /// leave-one-region-out with a region field); <see cref="Folds"/> is then ignored.</summary>
    public bool LeaveOneBlockOut { get; init; }
    public int Seed { get; init; } = 42;
}

/// <summary>Out-of-fold predictions and their scores.</summary>
public sealed record CrossValidationResult(
    ClassificationMetrics Metrics,
    /// <summary>Out-of-fold predicted class of each labelled row (data order).</summary>
    int[] Predicted,
    double[] Probability,
    int BlockCount,
    int FoldCount,
    /// <summary>Folds left out because their training rows held a single class.</summary>
    int SkippedFolds,
    IReadOnlyList<ClassificationMetrics> PerFold)
{
    /// <summary>Out-of-fold class probabilities (calibrated when the classifier is), null where not predicted.</summary>
    public double[]?[] ClassProbabilities { get; init; } = [];
    /// <summary>Out-of-fold novelty score and "unknown" flag (all false without an unknown answer).</summary>
    public double[] Novelty { get; init; } = [];
    public bool[] Unknown { get; init; } = [];
    /// <summary>Scores of the rows not set aside as unknown (null without an unknown answer or when all are).</summary>
    public ClassificationMetrics? KeptMetrics { get; init; }
    public int UnknownCount => Unknown.Count(u => u);
    /// <summary>Distinct block key of each fold (leave-one-block-out: the source or region left out).</summary>
    public IReadOnlyList<string> FoldNames { get; init; } = [];
}

/// <summary>k-fold cross-validation where whole spatial blocks (lat/lon cells or values of a field such as the
/// ridge segment) go to one fold, so neighbouring samples never sit on both sides of a split.</summary>
public static class SpatialBlockedCrossValidation
{
    public static CrossValidationResult Run(SampleTable table, ClassificationData data, ClassifierOptions classifier,
        BlockedCrossValidationOptions options, CancellationToken cancellation = default)
    {
        var (folds, blocks) = FoldOf(table, data, options);
        return Run(data, folds, blocks, classifier, null, cancellation, BlockKeys(table, data.SourceRows, options));
    }

    /// <summary>Fold (0..folds-1) of each labelled row, whole blocks per fold, folds balanced by row count
    /// (leave-one-block-out: one fold per block, in key order).</summary>
    public static (int[] Fold, int BlockCount) FoldOf(SampleTable table, ClassificationData data, BlockedCrossValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var blocks = BlockKeys(table, data.SourceRows, options);
        var distinct = blocks.Distinct().Order(StringComparer.Ordinal).ToArray();
        if (options.LeaveOneBlockOut)
        {
            if (distinct.Length < 2)
                throw new ArgumentException($"leave-one-out needs at least 2 distinct values of {(options.BlockField is { } f ? $"'{f}'" : "the blocks")} (found {distinct.Length})", nameof(options));
            var index = distinct.Select((b, k) => (b, k)).ToDictionary(t => t.b, t => t.k, StringComparer.Ordinal);
            return (blocks.Select(b => index[b]).ToArray(), distinct.Length);
        }
        if (options.Folds < 2) throw new ArgumentException($"folds must be >= 2 (got {options.Folds})", nameof(options));
        if (distinct.Length < options.Folds)
            throw new ArgumentException($"only {distinct.Length} spatial blocks for {options.Folds} folds: use smaller " +
                "blocks, another block field, or fewer folds", nameof(options));
        return (AssignBlocks(blocks, options.Folds, options.Seed), distinct.Length);
    }

    /// <summary>Shuffles the distinct keys, then gives each (largest first) to the fold with the fewest rows so far.</summary>
    internal static int[] AssignBlocks(string[] blocks, int folds, int seed)
    {
        var random = new Random(seed);
        var sizes = blocks.GroupBy(b => b).ToDictionary(g => g.Key, g => g.Count());
        var order = blocks.Distinct().OrderBy(_ => random.Next()).OrderByDescending(b => sizes[b]).ToArray();
        var foldRows = new int[folds];
        var foldOfBlock = new Dictionary<string, int>();
        foreach (var b in order)
        {
            int f = Array.IndexOf(foldRows, foldRows.Min());
            foldOfBlock[b] = f;
            foldRows[f] += sizes[b];
        }
        return blocks.Select(b => foldOfBlock[b]).ToArray();
    }

    /// <summary>Runs the folds; <paramref name="afterFold"/> sees each fold's model and test rows (used for
    /// permutation importance). <paramref name="blockKeys"/> (per data row) keep whole blocks in the classifier's
    /// inner folds (calibration, novelty threshold).</summary>
    internal static CrossValidationResult Run(ClassificationData data, int[] foldOf, int blockCount, ClassifierOptions classifier,
        Action<AnomalyClassifier, int[]>? afterFold, CancellationToken cancellation, string[]? blockKeys = null)
    {
        int folds = foldOf.Max() + 1;
        var predicted = Enumerable.Repeat(-1, data.Count).ToArray();
        var probability = Enumerable.Repeat(double.NaN, data.Count).ToArray();
        var classProbabilities = new double[]?[data.Count];
        var novelty = Enumerable.Repeat(double.NaN, data.Count).ToArray();
        var unknown = new bool[data.Count];
        var perFold = new List<ClassificationMetrics>();
        var names = new List<string>();
        int skipped = 0;
        for (int f = 0; f < folds; f++)
        {
            cancellation.ThrowIfCancellationRequested();
            var train = Enumerable.Range(0, data.Count).Where(i => foldOf[i] != f).ToArray();
            var test = Enumerable.Range(0, data.Count).Where(i => foldOf[i] == f).ToArray();
            if (test.Length == 0) continue;
            if (train.Select(i => data.Y[i]).Distinct().Count() < 2) { skipped++; continue; }
            var model = AnomalyClassifier.Train(data, train, "label", classifier, blockKeys);
            var p = model.Predict(test.Select(i => data.X[i]).ToArray());
            for (int t = 0; t < test.Length; t++)
            {
                int i = test[t];
                predicted[i] = p.PredictedClass[t]; probability[i] = p.Probability[t];
                classProbabilities[i] = p.PredictedClass[t] >= 0 ? p.ClassProbabilities[t] : null;
                if (p.Novelty is not null) { novelty[i] = p.Novelty[t]; unknown[i] = p.Unknown![t]; }
            }
            perFold.Add(ClassificationMetrics.Compute(test.Select(i => data.Y[i]).ToArray(), p.PredictedClass, data.Classes));
            names.Add(blockKeys is null ? $"fold {f + 1}" : string.Join(" + ", test.Select(i => blockKeys[i]).Distinct().Order(StringComparer.Ordinal).Take(3)));
            afterFold?.Invoke(model, test);
        }
        if (perFold.Count == 0)
            throw new ArgumentException("every fold's training rows held a single class: cross-validation impossible", nameof(data));
        var metrics = ClassificationMetrics.Compute(data.Y, predicted, data.Classes);
        ClassificationMetrics? kept = null;
        if (classifier.UnknownRate > 0 && predicted.Where((c, i) => c >= 0 && !unknown[i]).Any())
            kept = ClassificationMetrics.Compute(data.Y, predicted.Select((c, i) => unknown[i] ? -1 : c).ToArray(), data.Classes);
        return new CrossValidationResult(metrics, predicted, probability, blockCount, folds, skipped, perFold)
        {
            ClassProbabilities = classProbabilities, Novelty = novelty, Unknown = unknown, KeptMetrics = kept, FoldNames = names,
        };
    }

    /// <summary>Block key of each row: the block field's value, or the lat/lon cell.</summary>
    public static string[] BlockKeys(SampleTable table, int[] rows, BlockedCrossValidationOptions options)
    {
        if (options.BlockField is { Length: > 0 } field)
        {
            if (table.HasText(field))
            {
                var t = table.Text(field);
                return rows.Select(r => string.IsNullOrWhiteSpace(t[r]) ? "(none)" : t[r]!.Trim()).ToArray();
            }
            if (table.HasNumeric(field))
            {
                var v = table.Numeric(field);
                return rows.Select(r => v[r].ToString("R", CultureInfo.InvariantCulture)).ToArray();
            }
            throw new ArgumentException($"block field '{field}' is not a column of the table", nameof(options));
        }
        if (!(options.BlockSizeDegrees > 0))
            throw new ArgumentException($"block size must be > 0 degrees (got {options.BlockSizeDegrees})", nameof(options));
        if (!table.HasLocation)
            throw new ArgumentException("spatial blocks need 'longitude' and 'latitude' columns, or a block field", nameof(table));
        var lon = table.Numeric(SampleTable.Longitude);
        var lat = table.Numeric(SampleTable.Latitude);
        return rows.Select(r =>
        {
            if (!double.IsFinite(lon[r]) || !double.IsFinite(lat[r])) return "(no location)";
            double wrapped = RegionPolygons.Wrap(lon[r]);
            return $"{Math.Floor(lat[r] / options.BlockSizeDegrees)}:{Math.Floor(wrapped / options.BlockSizeDegrees)}";
        }).ToArray();
    }
}
