using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Regions;

/// <summary>Permutation importance of one indicator: mean drop of balanced accuracy on held-out folds when its
/// values are shuffled among the test rows; its spread over the folds (standard deviation, min, max, the drop in
/// each fold) and its rank in each fold (1 = strongest), so an indicator that wins in one region only shows.</summary>
public sealed record IndicatorImportance(string Feature, double BalancedAccuracyDrop)
{
    public double StandardDeviation { get; init; } = double.NaN;
    public double Min { get; init; } = double.NaN;
    public double Max { get; init; } = double.NaN;
    public IReadOnlyList<double> PerFold { get; init; } = [];
    public IReadOnlyList<int> RankPerFold { get; init; } = [];
}

/// <summary>One step of recursive elimination: the indicators used, the blocked-CV scores with them, and the
/// weakest one removed next (null at the last step).</summary>
public sealed record EliminationStep(int Step, IReadOnlyList<string> Features, double BalancedAccuracy, double Accuracy,
    double MacroF1, string? Removed, double RemovedImportance)
{
    /// <summary>Balanced accuracy of each fold at this step (its spread shows how stable the step is).</summary>
    public IReadOnlyList<double> PerFoldBalancedAccuracy { get; init; } = [];
}

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
        // The ranking scores the trees' own decisions: no calibration or novelty inner folds, which would multiply the fits.
        classifier = classifier with { Calibration = ClassifierCalibration.None, UnknownRate = 0 };
        var (folds, blocks) = SpatialBlockedCrossValidation.FoldOf(table, data, cv);
        var remaining = Enumerable.Range(0, data.Features.Length).ToList();
        var steps = new List<EliminationStep>();
        IReadOnlyList<IndicatorImportance>? first = null;
        int total = data.Features.Length, step = 0;
        while (remaining.Count > 0)
        {
            var subset = data.WithFeatures(remaining);
            var perFold = new List<double[]>();
            var random = new Random(cv.Seed + step);
            var result = SpatialBlockedCrossValidation.Run(subset, folds, blocks, classifier, (model, test) =>
            {
                var drops = new double[remaining.Count];
                perFold.Add(drops);
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
            var importance = remaining.Select((f, j) => Summarise(data.Features[f], j, perFold))
                .OrderByDescending(x => x.BalancedAccuracyDrop).ToList();
            first ??= importance;
            var weakest = remaining.Count > 1 ? importance[^1] : null;
            steps.Add(new EliminationStep(++step, remaining.Select(f => data.Features[f]).ToArray(), result.Metrics.BalancedAccuracy,
                result.Metrics.Accuracy, result.Metrics.MacroF1, weakest?.Feature, weakest?.BalancedAccuracyDrop ?? double.NaN)
            { PerFoldBalancedAccuracy = result.PerFold.Select(m => m.BalancedAccuracy).ToArray() });
            if (weakest is null) break;
            remaining.Remove(Array.IndexOf(data.Features, weakest.Feature));
            progress?.Report((double)step / total);
        }
        var ranked = steps.Where(s => s.Removed is not null).Select(s => s.Removed!).Append(steps[^1].Features[0]).Reverse().ToArray();
        return new IndicatorRankingResult(first!, steps, ranked);
    }

    /// <summary>Mean and spread of one indicator's drops over the folds, and its rank among the indicators in each fold.</summary>
    private static IndicatorImportance Summarise(string feature, int j, List<double[]> perFold)
    {
        var drops = perFold.Select(d => d[j]).ToArray();
        if (drops.Length == 0) return new IndicatorImportance(feature, 0);
        double mean = drops.Average();
        double sd = drops.Length > 1 ? Math.Sqrt(drops.Sum(d => (d - mean) * (d - mean)) / (drops.Length - 1)) : 0;
        var ranks = perFold.Select(d => 1 + d.Count(v => v > d[j])).ToArray();
        return new IndicatorImportance(feature, mean)
        {
            StandardDeviation = sd, Min = drops.Min(), Max = drops.Max(), PerFold = drops, RankPerFold = ranks,
        };
    }

    private static double Balanced(int[] truth, ClassPrediction p, IReadOnlyList<string> classes)
        => ClassificationMetrics.Compute(truth, p.PredictedClass, classes).BalancedAccuracy;
}
