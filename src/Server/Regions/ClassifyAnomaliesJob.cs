using System.Globalization;
using System.Text.Json.Nodes;
using GisBridge.Algorithms.Regions;
using GisBridge.Protocol.V1;
using GisBridge.Server.Geochemistry;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Regions;

/// <summary>Train: blocked cross-validation, optional indicator ranking, then a model trained on every labelled
/// sample ("model" zip with its JSON description inside, "model_info" JSON beside). Predict: applies a model to
/// samples and adds `predicted` and `probability` (of the predicted class).</summary>
public sealed class ClassifyAnomaliesJob : IJob<ClassifyAnomaliesOptions>
{
    public void Validate(ClassifyAnomaliesOptions o)
    {
        OptionChecks.Defined(o.Mode, "mode");
        if (o.Mode == ClassifyMode.Predict) return;
        if (SampleTableIo.Name(o.Label) is null) throw new JobInputException("label", "give the label field to learn (e.g. dupal)");
        if (SampleTableIo.Names(o.Features).Length == 0) throw new JobInputException("features", "give the indicator fields to predict from");
        OptionChecks.Count(o.Features.Count, 1000, "features");
        OptionChecks.Range(o.Folds, 2, 50, "folds");
        OptionChecks.Range(o.BlockSizeDegrees, 0.01, 360, "block_size_degrees");
        OptionChecks.OneOf(o.Trainer, "trainer", "fasttree", "lightgbm");
    }

    public InputNeeds Needs(ClassifyAnomaliesOptions o) =>
        o.Mode == ClassifyMode.Predict ? InputNeeds.File("model", "samples") : InputNeeds.File("samples");

    public void Run(ClassifyAnomaliesOptions o, JobInputs inputs, JobOutputs outputs, JobContext ctx)
    {
        if (o.Mode == ClassifyMode.Predict) Predict(inputs, outputs, ctx);
        else Train(o, inputs, outputs, ctx);
    }

    private static void Train(ClassifyAnomaliesOptions o, JobInputs inputs, JobOutputs outputs, JobContext ctx)
    {
        var label = SampleTableIo.Name(o.Label) ?? throw new JobInputException("label", "give the label field to learn (e.g. dupal)");
        var features = SampleTableIo.Names(o.Features);
        if (features.Length == 0) throw new JobInputException("features", "give the indicator fields to predict from");
        var trainer = (o.Trainer ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "fasttree" => ClassifierTrainer.FastTree,
            "lightgbm" => ClassifierTrainer.LightGbm,
            var other => throw new JobInputException("trainer", $"'{other}' is not fasttree or lightgbm"),
        };
        ctx.Report(0, "reading", "reading samples");
        var table = SampleTableIo.Read(inputs.FilePath("samples"), "samples");
        var data = ClassificationData.Build(table, label, features);
        int seed = o.Seed != 0 ? o.Seed : 42;
        var classifier = new ClassifierOptions { Trainer = trainer, Seed = seed };
        var cv = new BlockedCrossValidationOptions
        {
            Folds = o.Folds > 0 ? o.Folds : 5,
            BlockSizeDegrees = o.BlockSizeDegrees > 0 ? o.BlockSizeDegrees : 5,
            BlockField = SampleTableIo.Name(o.BlockField),
            Seed = seed,
        };
        ctx.Report(0.05, "cross-validation", $"{data.Count} labelled samples, {cv.Folds} spatially blocked folds");
        var result = SpatialBlockedCrossValidation.Run(table, data, classifier, cv, ctx.Cancellation);
        IndicatorRankingResult? ranking = null;
        if (o.RankIndicators)
            ranking = IndicatorRanking.Rank(table, data, classifier, cv,
                progress: new Progress<double>(f => ctx.Report(0.3 + 0.6 * f, "ranking", "permutation importance and elimination")),
                cancellation: ctx.Cancellation);
        ctx.Report(0.9, "training", "final model on every labelled sample");
        var model = AnomalyClassifier.Train(table, label, features, classifier);
        var modelPath = Path.Combine(ctx.WorkDir, "model.zip");
        using (var stream = File.Create(modelPath)) model.Save(stream);
        outputs.AddFile("model", modelPath);
        var infoPath = Path.Combine(ctx.WorkDir, "model.json");
        File.WriteAllText(infoPath, model.InfoToJson());
        outputs.AddFile("model_info", infoPath);

        var m = result.Metrics;
        outputs.Result.Message = $"{label} from {string.Join(", ", features)}: blocked {cv.Folds}-fold CV balanced accuracy " +
            $"{m.BalancedAccuracy:F3}, accuracy {m.Accuracy:F3} ({data.Count} samples, {result.BlockCount} blocks)";
        if (result.SkippedFolds > 0) outputs.Warn($"{result.SkippedFolds} fold(s) skipped: their training rows held a single class");
        outputs.Result.ReportJson = TrainReport(label, features, trainer, cv, result, ranking, data).ToJsonString();
        ctx.Report(1, "done", outputs.Result.Message);
    }

    private static void Predict(JobInputs inputs, JobOutputs outputs, JobContext ctx)
    {
        AnomalyClassifier model;
        using (var stream = File.OpenRead(inputs.FilePath("model"))) model = AnomalyClassifier.Load(stream);
        var table = SampleTableIo.Read(inputs.FilePath("samples"), "samples");
        ctx.Report(0.3, "predicting", $"{table.RowCount} samples");
        var p = model.Predict(table);
        var classes = model.Info.Classes;
        if (model.Info.LabelIsNumeric)
            table.SetNumeric("predicted", p.PredictedClass.Select(c => c < 0 ? double.NaN : double.Parse(classes[c], CultureInfo.InvariantCulture)).ToArray());
        else
            table.SetText("predicted", p.PredictedClass.Select(c => c < 0 ? null : classes[c]).ToArray());
        table.SetNumeric("probability", p.Probability);
        var path = Path.Combine(ctx.WorkDir, "predicted.gpkg");
        OgrVectorWriter.WriteGeoPackage(path, "samples", SampleTableLayer.ToLayer(table, "samples"));
        outputs.AddFile("samples", path);
        int missing = p.PredictedClass.Count(c => c < 0);
        if (missing > 0) outputs.Warn($"{missing} sample(s) have none of the indicators {string.Join(", ", model.Info.Features)}: not predicted");
        outputs.Result.Message = $"{table.RowCount - missing} samples predicted ({model.Info.Label}: {string.Join("/", classes)})";
        outputs.Result.ReportJson = new JsonObject
        {
            ["label"] = model.Info.Label,
            ["features"] = new JsonArray(model.Info.Features.Select(f => (JsonNode)f).ToArray()),
            ["predicted"] = new JsonObject(classes.Select((c, k) => KeyValuePair.Create(c, (JsonNode?)p.PredictedClass.Count(x => x == k)))),
            ["not_predicted"] = missing,
        }.ToJsonString();
        ctx.Report(1, "done", outputs.Result.Message);
    }

    private static JsonObject TrainReport(string label, string[] features, ClassifierTrainer trainer, BlockedCrossValidationOptions cv,
        CrossValidationResult r, IndicatorRankingResult? ranking, ClassificationData data)
    {
        var m = r.Metrics;
        var report = new JsonObject
        {
            ["label"] = label,
            ["features"] = new JsonArray(features.Select(f => (JsonNode)f).ToArray()),
            ["trainer"] = $"Microsoft.ML {trainer}" + (data.Classes.Length > 2 && trainer == ClassifierTrainer.FastTree ? " one-versus-all" : ""),
            ["class_imbalance"] = "example weights n / (classes x n_class)",
            ["missing_indicators"] = "replaced by training medians",
            ["cross_validation"] = new JsonObject
            {
                ["folds"] = r.FoldCount,
                ["blocks"] = r.BlockCount,
                ["blocked_by"] = cv.BlockField is null ? $"{cv.BlockSizeDegrees} degree lat/lon cells" : $"field {cv.BlockField}",
                ["skipped_folds"] = r.SkippedFolds,
                ["samples"] = m.Count,
                ["accuracy"] = m.Accuracy,
                ["balanced_accuracy"] = m.BalancedAccuracy,
                ["macro_f1"] = m.MacroF1,
                ["f1_positive"] = ClusterRegionsJob.Finite(m.BinaryF1),
                ["classes"] = new JsonArray(m.Classes.Select(c => (JsonNode)c).ToArray()),
                ["confusion"] = new JsonArray(m.Confusion.Select(row => (JsonNode)new JsonArray(row.Select(v => (JsonNode)v).ToArray())).ToArray()),
                ["per_class"] = new JsonArray(m.PerClass.Select(c => (JsonNode)new JsonObject
                {
                    ["class"] = c.Class, ["support"] = c.Support, ["precision"] = c.Precision,
                    ["recall"] = ClusterRegionsJob.Finite(c.Recall), ["f1"] = ClusterRegionsJob.Finite(c.F1),
                }).ToArray()),
            },
        };
        if (ranking is not null)
            report["ranking"] = new JsonObject
            {
                ["ranked"] = new JsonArray(ranking.Ranked.Select(f => (JsonNode)f).ToArray()),
                ["permutation_importance"] = new JsonArray(ranking.Importance.Select(i => (JsonNode)new JsonObject
                {
                    ["feature"] = i.Feature, ["balanced_accuracy_drop"] = i.BalancedAccuracyDrop,
                }).ToArray()),
                ["elimination"] = new JsonArray(ranking.Steps.Select(s => (JsonNode)new JsonObject
                {
                    ["step"] = s.Step, ["features"] = new JsonArray(s.Features.Select(f => (JsonNode)f).ToArray()),
                    ["balanced_accuracy"] = s.BalancedAccuracy, ["accuracy"] = s.Accuracy, ["removed"] = s.Removed,
                }).ToArray()),
            };
        return report;
    }
}
