using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Regions;

/// <summary>Permutation importance of one indicator: mean drop of balanced accuracy on held-out folds when its
/// values are shuffled among the test rows.</summary>
public sealed record IndicatorImportance(string Feature, double BalancedAccuracyDrop);

/// <summary>One step of recursive elimination: the indicators used, the blocked-CV scores with them, and the
/// weakest one removed next (null at the last step).</summary>
public sealed record EliminationStep(int Step, IReadOnlyList<string> Features, double BalancedAccuracy, double Accuracy,
    double MacroF1, string? Removed, double RemovedImportance);

/// <summary>The ranking: importance with all indicators, the elimination path, and the final rank (1 = strongest:
/// the reverse of the elimination order).</summary>
public sealed record IndicatorRankingResult(IReadOnlyList<IndicatorImportance> Importance,
    IReadOnlyList<EliminationStep> Steps, IReadOnlyList<string> Ranked);

/// <summary>Indicator ranking by permutation feature importance under spatially blocked cross-validation, plus
/// recursive elimination of the weakest indicator with the blocked-CV accuracy after each elimination.</summary>
public static class IndicatorRanking
{
    /// <summary>Permutation repeats per fold and indicator. Default 3.</summary>
    public const int DefaultRepeats = 3;

    public static IndicatorRankingResult Rank(SampleTable table, ClassificationData data, ClassifierOptions classifier,
        BlockedCrossValidationOptions cv, int repeats = DefaultRepeats, IProgress<double>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (repeats < 1) throw new ArgumentException($"permutation repeats must be >= 1 (got {repeats})", nameof(repeats));
        var (folds, blocks) = SpatialBlockedCrossValidation.FoldOf(table, data, cv);
        var remaining = Enumerable.Range(0, data.Features.Length).ToList();
        var steps = new List<EliminationStep>();
        IReadOnlyList<IndicatorImportance>? first = null;
        int total = data.Features.Length, step = 0;
        while (remaining.Count > 0)
        {
            var subset = data.WithFeatures(remaining);
            var drops = new double[remaining.Count];
            int foldsSeen = 0;
            var random = new Random(cv.Seed + step);
            var result = SpatialBlockedCrossValidation.Run(subset, folds, blocks, classifier, (model, test) =>
            {
                foldsSeen++;
                if (remaining.Count == 1) return;
                var truth = test.Select(i => subset.Y[i]).ToArray();
                double baseline = Balanced(truth, model.Predict(test.Select(i => subset.X[i]).ToArray()), subset.Classes);
                for (int j = 0; j < remaining.Count; j++)
                    for (int r = 0; r < repeats; r++)
                    {
                        var shuffled = test.Select(i => random.Next()).ToArray();
                        var order = Enumerable.Range(0, test.Length).OrderBy(t => shuffled[t]).ToArray();
                        var rows = test.Select((i, t) =>
                        {
                            var row = (float[])subset.X[i].Clone();
                            row[j] = subset.X[test[order[t]]][j];
                            return row;
                        }).ToArray();
                        drops[j] += (baseline - Balanced(truth, model.Predict(rows), subset.Classes)) / repeats;
                    }
            }, cancellation);
            var importance = remaining.Select((f, j) => new IndicatorImportance(data.Features[f], drops[j] / Math.Max(1, foldsSeen)))
                .OrderByDescending(x => x.BalancedAccuracyDrop).ToList();
            first ??= importance;
            var weakest = remaining.Count > 1 ? importance[^1] : null;
            steps.Add(new EliminationStep(++step, remaining.Select(f => data.Features[f]).ToArray(), result.Metrics.BalancedAccuracy,
                result.Metrics.Accuracy, result.Metrics.MacroF1, weakest?.Feature, weakest?.BalancedAccuracyDrop ?? double.NaN));
            if (weakest is null) break;
            remaining.Remove(Array.IndexOf(data.Features, weakest.Feature));
            progress?.Report((double)step / total);
        }
        var ranked = steps.Where(s => s.Removed is not null).Select(s => s.Removed!).Append(steps[^1].Features[0]).Reverse().ToArray();
        return new IndicatorRankingResult(first!, steps, ranked);
    }

    private static double Balanced(int[] truth, ClassPrediction p, IReadOnlyList<string> classes)
        => ClassificationMetrics.Compute(truth, p.PredictedClass, classes).BalancedAccuracy;
}
