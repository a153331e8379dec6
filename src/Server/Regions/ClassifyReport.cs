using System.Text.Json.Nodes;
using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Geochemistry;
using GisBridge.Algorithms.Regions;

namespace GisBridge.Server.Regions;

/// <summary>The JSON report of classifier training: class balance, each cross-validation scheme with its
/// "unknown" count kept apart, calibration, the balancing comparison and the indicator ranking with its spread.</summary>
internal static class ClassifyReport
{
    public sealed record Scheme(string Name, string Description, CrossValidationResult Result);

    public sealed record BalanceRun(string Name, CrossValidationResult Blocked, CrossValidationResult? BySource);

    /// <summary>Two classes: probability of the second (positive) class against its truth; more: the predicted
    /// class's probability against being right.</summary>
    public static Reliability ReliabilityOf(ClassificationData data, CrossValidationResult r)
    {
        bool binary = data.Classes.Length == 2;
        var p = Enumerable.Range(0, data.Count).Select(i => r.ClassProbabilities.Length > i && r.ClassProbabilities[i] is { } c
            ? (binary ? c[1] : r.Probability[i]) : double.NaN).ToArray();
        var happened = Enumerable.Range(0, data.Count).Select(i => binary ? data.Y[i] == 1 : r.Predicted[i] == data.Y[i]).ToArray();
        return Reliability.Compute(p, happened);
    }

    public static JsonObject Train(string label, string[] features, ClassifierTrainer trainer, ClassifierOptions classifier,
        SampleTable table, ClassificationData data, IReadOnlyList<Scheme> schemes, Reliability reliability, Reliability? raw,
        IReadOnlyList<BalanceRun>? comparison, IndicatorRankingResult? ranking, AnomalyClassifier model, string? sourceField)
    {
        var report = new JsonObject
        {
            ["label"] = label,
            ["features"] = Strings(features),
            ["trainer"] = $"Microsoft.ML {trainer}" + (data.Classes.Length > 2 && trainer == ClassifierTrainer.FastTree ? " one-versus-all" : ""),
            ["class_imbalance"] = Balancing(classifier),
            ["class_balance"] = Balance(table, data, model, sourceField),
            ["missing_indicators"] = "replaced by training medians",
            ["unknown_answer"] = classifier.UnknownRate > 0
                ? $"novelty = mean distance to the {classifier.NoveltyNeighbours} nearest training samples (robust units, present indicators); " +
                  $"unknown above the {1 - classifier.UnknownRate:0.###} quantile of inner-CV held-out scores (inner folds keep whole blocks)"
                : null,
        };
        foreach (var s in schemes)
            report[s.Name == "blocked" ? "cross_validation" : s.Name] = SchemeJson(s, data);
        report["calibration"] = new JsonObject
        {
            ["method"] = classifier.Calibration switch
            {
                ClassifierCalibration.Platt => "Platt scaling on inner-CV out-of-fold probabilities of each training fold",
                ClassifierCalibration.Isotonic => "isotonic regression (pool-adjacent-violators) on inner-CV out-of-fold probabilities of each training fold",
                _ => "none",
            },
            ["name"] = classifier.Calibration.ToString().ToLowerInvariant(),
            ["probability"] = data.Classes.Length == 2 ? $"P({data.Classes[1]})" : "probability of the predicted class",
            ["ece"] = ClusterRegionsJob.Finite(reliability.ExpectedCalibrationError),
            ["ece_raw"] = raw is null ? null : ClusterRegionsJob.Finite(raw.ExpectedCalibrationError),
            ["bins"] = Bins(reliability),
            ["bins_raw"] = raw is null ? null : Bins(raw),
        };
        if (comparison is not null)
            report["balancing_comparison"] = new JsonArray(comparison.Select(c => (JsonNode)new JsonObject
            {
                ["method"] = c.Name,
                ["blocked_balanced_accuracy"] = c.Blocked.Metrics.BalancedAccuracy,
                ["blocked_macro_f1"] = c.Blocked.Metrics.MacroF1,
                ["blocked_recall"] = Recalls(c.Blocked.Metrics),
                ["leave_one_source_out_balanced_accuracy"] = c.BySource is null ? null : c.BySource.Metrics.BalancedAccuracy,
            }).ToArray());
        if (ranking is not null)
            report["ranking"] = new JsonObject
            {
                ["ranked"] = Strings(ranking.Ranked),
                ["permutation_importance"] = new JsonArray(ranking.Importance.Select(i => (JsonNode)new JsonObject
                {
                    ["feature"] = i.Feature, ["balanced_accuracy_drop"] = i.BalancedAccuracyDrop,
                    ["std_over_folds"] = ClusterRegionsJob.Finite(i.StandardDeviation),
                    ["min_over_folds"] = ClusterRegionsJob.Finite(i.Min), ["max_over_folds"] = ClusterRegionsJob.Finite(i.Max),
                    ["per_fold"] = new JsonArray(i.PerFold.Select(v => (JsonNode?)v).ToArray()),
                    ["rank_per_fold"] = new JsonArray(i.RankPerFold.Select(v => (JsonNode?)v).ToArray()),
                }).ToArray()),
                ["elimination"] = new JsonArray(ranking.Steps.Select(s => (JsonNode)new JsonObject
                {
                    ["step"] = s.Step, ["features"] = Strings(s.Features),
                    ["balanced_accuracy"] = s.BalancedAccuracy, ["accuracy"] = s.Accuracy, ["removed"] = s.Removed,
                    ["per_fold_balanced_accuracy"] = new JsonArray(s.PerFoldBalancedAccuracy.Select(v => (JsonNode?)v).ToArray()),
                }).ToArray()),
            };
        return report;
    }

    /// <summary>Counts by match kind and the first pairs (sources, sample names, distance), on the table before any drop.</summary>
    public static JsonObject Duplicates(DuplicateReport d, SampleTable table, bool dropped)
    {
        var source = table.Text(SampleTableIo.SourceField);
        var name = table.HasText("sample_id") ? table.Text("sample_id") : new string?[table.RowCount];
        return new JsonObject
        {
            ["rule"] = "same IGSN, or same sample name (upper case, GEOROC [id] suffix and s_ prefix removed, letters and digits) within the tolerance: " +
                "the earlier file's row is kept; location-only matches are reported and kept",
            ["igsn"] = d.Pairs.Count(p => p.Match == DuplicateMatch.Igsn),
            ["name"] = d.Pairs.Count(p => p.Match == DuplicateMatch.Name),
            ["location_only"] = d.Pairs.Count(p => p.Match == DuplicateMatch.LocationOnly),
            ["dropped"] = dropped ? d.Dropped.Count : 0,
            ["pairs"] = new JsonArray(d.Pairs.OrderBy(p => p.Match).Take(30).Select(p => (JsonNode)new JsonObject
            {
                ["match"] = p.Match.ToString(), ["distance_km"] = ClusterRegionsJob.Finite(p.DistanceKm),
                ["a"] = $"{source[p.RowA]}: {name[p.RowA]}", ["b"] = $"{source[p.RowB]}: {name[p.RowB]}",
            }).ToArray()),
        };
    }

    private static string Balancing(ClassifierOptions o) =>
        (o.Resampling == ResamplingMethod.None ? "" : $"{ClassResampler.Name(o.Resampling)} resampling of each training fold's rows; ") +
        (o.BalanceClasses ? "example weights n / (classes x n_class)" : "no class weights");

    private static JsonObject Balance(SampleTable table, ClassificationData data, AnomalyClassifier model, string? sourceField)
    {
        var counts = ClassResampler.Counts(data.Y, data.Classes.Length);
        var balance = new JsonObject
        {
            ["counts"] = Counts(data.Classes, counts),
            ["minority_share"] = (double)counts.Min() / data.Count,
            ["imbalance_ratio"] = counts.Min() > 0 ? (double)counts.Max() / counts.Min() : null,
            ["fitted_counts_final_model"] = model.Info.FittedClassCounts is { } fitted ? Counts(data.Classes, fitted) : null,
        };
        if (sourceField is not null && table.HasText(sourceField))
        {
            var source = table.Text(sourceField);
            balance["per_source"] = new JsonObject(Enumerable.Range(0, data.Count).GroupBy(i => source[data.SourceRows[i]] ?? "(none)")
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)Counts(data.Classes, ClassResampler.Counts(g.Select(i => data.Y[i]), data.Classes.Length)))));
        }
        return balance;
    }

    private static JsonObject SchemeJson(Scheme s, ClassificationData data)
    {
        var r = s.Result;
        var json = Metrics(r.Metrics);
        json["folds"] = r.FoldCount;
        json["blocks"] = r.BlockCount;
        json["blocked_by"] = s.Description;
        json["skipped_folds"] = r.SkippedFolds;
        json["unknown"] = r.UnknownCount;
        json["unknown_share"] = r.Metrics.Count > 0 ? (double)r.UnknownCount / r.Metrics.Count : null;
        json["without_unknown"] = r.KeptMetrics is null ? null : Metrics(r.KeptMetrics);
        // Of this scheme's out-of-fold probabilities: how far calibration learnt in CV holds on a held-out source.
        json["ece"] = ClusterRegionsJob.Finite(ReliabilityOf(data, r).ExpectedCalibrationError);
        json["per_fold"] = new JsonArray(r.PerFold.Select((m, f) => (JsonNode)new JsonObject
        {
            ["held_out"] = f < r.FoldNames.Count ? r.FoldNames[f] : $"fold {f + 1}",
            ["samples"] = m.Count, ["balanced_accuracy"] = m.BalancedAccuracy, ["accuracy"] = m.Accuracy,
            ["recall"] = Recalls(m),
        }).ToArray());
        return json;
    }

    private static JsonObject Metrics(ClassificationMetrics m) => new()
    {
        ["samples"] = m.Count,
        ["accuracy"] = m.Accuracy,
        ["balanced_accuracy"] = m.BalancedAccuracy,
        ["macro_f1"] = m.MacroF1,
        ["f1_positive"] = ClusterRegionsJob.Finite(m.BinaryF1),
        ["classes"] = Strings(m.Classes),
        ["confusion"] = new JsonArray(m.Confusion.Select(row => (JsonNode)new JsonArray(row.Select(v => (JsonNode)v).ToArray())).ToArray()),
        ["per_class"] = new JsonArray(m.PerClass.Select(c => (JsonNode)new JsonObject
        {
            ["class"] = c.Class, ["support"] = c.Support, ["precision"] = c.Precision,
            ["recall"] = ClusterRegionsJob.Finite(c.Recall), ["f1"] = ClusterRegionsJob.Finite(c.F1),
        }).ToArray()),
    };

    private static JsonObject Recalls(ClassificationMetrics m) =>
        new(m.PerClass.Select(c => KeyValuePair.Create(c.Class, ClusterRegionsJob.Finite(c.Recall))));

    private static JsonArray Bins(Reliability r) => new(r.Bins.Select(b => (JsonNode)new JsonObject
    {
        ["lower"] = b.Lower, ["upper"] = b.Upper, ["mean_predicted"] = b.MeanPredicted,
        ["observed"] = b.ObservedFrequency, ["samples"] = b.Count,
    }).ToArray());

    private static JsonObject Counts(IReadOnlyList<string> classes, IReadOnlyList<int> counts) =>
        new(classes.Select((c, k) => KeyValuePair.Create(c, (JsonNode?)counts[k])));

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());
}
