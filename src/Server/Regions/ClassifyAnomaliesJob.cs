using System.Globalization;
using System.Text.Json.Nodes;
using GisBridge.Algorithms.Geochemistry;
using GisBridge.Algorithms.Regions;
using GisBridge.Protocol.V1;
using GisBridge.Server.Geochemistry;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Regions;

/// <summary>Train (one or several "samples" files, each file's name in "source"): blocked, leave-one-source-out and
/// leave-one-region-out cross-validation, with resampling inside each training fold, optional calibration and
/// "unknown" answer, the class balance and its comparison of balancing methods, optional indicator ranking, then a
/// model trained on every labelled sample ("model" zip with its JSON description inside, "model_info" JSON beside,
/// "reliability" chart when calibrated). Predict: applies a model to samples and adds `predicted` and
/// `probability` (of the predicted class), and `novelty`, `unknown`, `answer` when the model has a novelty threshold.</summary>
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
        Calibration(o);
    }

    /// <summary>The calibration asked for: calibration_method, or the older bool calibrate (Platt) when it is unset.</summary>
    internal static ClassifierCalibration Calibration(ClassifyAnomaliesOptions o)
    {
        OptionChecks.Defined(o.CalibrationMethod, "calibration_method");
        var method = o.CalibrationMethod switch
        {
            CalibrationMethod.Unspecified => o.Calibrate ? ClassifierCalibration.Platt : ClassifierCalibration.None,
            CalibrationMethod.None => ClassifierCalibration.None,
            CalibrationMethod.Platt => ClassifierCalibration.Platt,
            _ => ClassifierCalibration.Isotonic,
        };
        if (o.Calibrate && method != ClassifierCalibration.Platt)
            throw new JobInputException("calibration_method", $"{method.ToString().ToLowerInvariant()} contradicts calibrate, which asks for Platt scaling: set one of the two");
        return method;
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
        ResamplingMethod resampling;
        try { resampling = ClassResampler.Parse(o.Resampling); }
        catch (ArgumentException e) { throw new JobInputException("resampling", e.Message); }
        if (!(o.UnknownRate >= 0 && o.UnknownRate < 0.5))
            throw new JobInputException("unknown_rate", $"must be in [0, 0.5) (got {o.UnknownRate}): the share of in-domain samples allowed to be called unknown");
        var calibration = Calibration(o);
        if (o.RegionSizeDegrees < 0) throw new JobInputException("region_size_degrees", $"must be > 0 (got {o.RegionSizeDegrees})");
        ctx.Report(0, "reading", "reading samples");
        var files = inputs.FilesNamed("samples");
        var table = SampleTableIo.ReadAll(files, "samples");
        var beforeDrop = table;
        DuplicateReport? duplicates = null;
        if (files.Count > 1 && table.HasText(SampleTableIo.SourceField))
        {
            double tolerance = o.DuplicateToleranceKm > 0 ? o.DuplicateToleranceKm : CrossSourceDuplicates.DefaultToleranceKm;
            var order = files.Select(f => Path.GetFileNameWithoutExtension(f.FileName)).ToArray();
            duplicates = CrossSourceDuplicates.Find(table, SampleTableIo.SourceField, order, tolerance);
            if (!o.KeepDuplicates && duplicates.Dropped.Count > 0)
            {
                var drop = duplicates.Dropped.ToHashSet();
                table = table.SelectRows(Enumerable.Range(0, table.RowCount).Where(r => !drop.Contains(r)).ToArray());
                outputs.Warn($"{drop.Count} sample(s) found in an earlier file too (IGSN or name within {tolerance} km) left out; keep_duplicates keeps them");
            }
        }
        var data = ClassificationData.Build(table, label, features);
        int seed = o.Seed != 0 ? o.Seed : 42;
        var classifier = new ClassifierOptions
        {
            Trainer = trainer, Seed = seed, BalanceClasses = !o.NoClassWeights, Resampling = resampling,
            Calibration = calibration, UnknownRate = o.UnknownRate,
        };
        var cv = new BlockedCrossValidationOptions
        {
            Folds = o.Folds > 0 ? o.Folds : 5,
            BlockSizeDegrees = o.BlockSizeDegrees > 0 ? o.BlockSizeDegrees : 5,
            BlockField = SampleTableIo.Name(o.BlockField),
            Seed = seed,
        };
        var schemes = new List<ClassifyReport.Scheme>();
        ctx.Report(0.05, "cross-validation", $"{data.Count} labelled samples, {cv.Folds} spatially blocked folds");
        var blockKeys = SpatialBlockedCrossValidation.BlockKeys(table, data.SourceRows, cv);
        var result = SpatialBlockedCrossValidation.Run(table, data, classifier, cv, ctx.Cancellation);
        schemes.Add(new("blocked", cv.BlockField is null ? $"{cv.BlockSizeDegrees} degree lat/lon cells in {cv.Folds} folds" : $"field {cv.BlockField} in {cv.Folds} folds", result));
        CrossValidationResult? raw = null;
        if (calibration != ClassifierCalibration.None)
            raw = SpatialBlockedCrossValidation.Run(table, data, classifier with { Calibration = ClassifierCalibration.None, UnknownRate = 0 }, cv, ctx.Cancellation);

        var sourceField = SampleTableIo.Name(o.SourceField) ?? (table.HasText(SampleTableIo.SourceField) ? SampleTableIo.SourceField : null);
        BlockedCrossValidationOptions? bySource = null;
        if (sourceField is not null)
        {
            bySource = cv with { BlockField = sourceField, LeaveOneBlockOut = true };
            if (SpatialBlockedCrossValidation.BlockKeys(table, data.SourceRows, bySource).Distinct().Count() < 2)
            {
                outputs.Warn($"leave-one-source-out skipped: the labelled samples come from one value of '{sourceField}'");
                bySource = null;
            }
            else
            {
                ctx.Report(0.2, "cross-validation", "leave one source out");
                schemes.Add(new("leave_one_source_out", $"field {sourceField}, one fold per value",
                    SpatialBlockedCrossValidation.Run(table, data, classifier, bySource, ctx.Cancellation)));
            }
        }
        if (!o.SkipRegionCv)
        {
            var regionField = SampleTableIo.Name(o.RegionField);
            double size = o.RegionSizeDegrees > 0 ? o.RegionSizeDegrees : 30;
            var byRegion = cv with { BlockField = regionField, BlockSizeDegrees = size, LeaveOneBlockOut = true };
            ctx.Report(0.3, "cross-validation", "leave one region out");
            schemes.Add(new("leave_one_region_out", regionField is null ? $"{size} degree lat/lon cells, one fold per cell" : $"field {regionField}, one fold per value",
                SpatialBlockedCrossValidation.Run(table, data, classifier, byRegion, ctx.Cancellation)));
        }

        List<ClassifyReport.BalanceRun>? comparison = null;
        if (o.CompareBalancing)
        {
            comparison = [];
            var plain = classifier with { Calibration = ClassifierCalibration.None, UnknownRate = 0 };
            foreach (var (name, options) in new (string, ClassifierOptions)[]
            {
                ("none", plain with { BalanceClasses = false, Resampling = ResamplingMethod.None }),
                ("class-weights", plain with { BalanceClasses = true, Resampling = ResamplingMethod.None }),
                ("random-under", plain with { BalanceClasses = false, Resampling = ResamplingMethod.RandomUnder }),
                ("random-over", plain with { BalanceClasses = false, Resampling = ResamplingMethod.RandomOver }),
                ("smote", plain with { BalanceClasses = false, Resampling = ResamplingMethod.Smote }),
            })
            {
                ctx.Report(0.4, "balancing", $"comparing {name}");
                var blocked = SpatialBlockedCrossValidation.Run(table, data, options, cv, ctx.Cancellation);
                var source = bySource is null ? null : SpatialBlockedCrossValidation.Run(table, data, options, bySource, ctx.Cancellation);
                comparison.Add(new(name, blocked, source));
            }
        }
        IndicatorRankingResult? ranking = null;
        if (o.RankIndicators)
            ranking = IndicatorRanking.Rank(table, data, classifier, cv,
                progress: new Progress<double>(f => ctx.Report(0.5 + 0.4 * f, "ranking", "permutation importance and elimination")),
                cancellation: ctx.Cancellation);
        ctx.Report(0.9, "training", "final model on every labelled sample");
        var model = AnomalyClassifier.Train(data, label, classifier, blockKeys);
        var modelPath = Path.Combine(ctx.WorkDir, "model.zip");
        using (var stream = File.Create(modelPath)) model.Save(stream);
        outputs.AddFile("model", modelPath);
        var infoPath = Path.Combine(ctx.WorkDir, "model.json");
        File.WriteAllText(infoPath, model.InfoToJson());
        outputs.AddFile("model_info", infoPath);
        var reliability = ClassifyReport.ReliabilityOf(data, result);
        if (calibration != ClassifierCalibration.None)
        {
            var curves = new List<(string, Reliability)>
            {
                ("raw trees", ClassifyReport.ReliabilityOf(data, raw!)),
                (calibration == ClassifierCalibration.Platt ? "Platt-calibrated" : "isotonic-calibrated", reliability),
            };
            Analysis.ChartFiles.AddOutputs(ctx, outputs, "reliability", ReliabilityChart.Width, ReliabilityChart.Height,
                canvas => ReliabilityChart.Draw(canvas, curves, $"{label}: blocked-CV out-of-fold probabilities"));
        }

        var m = result.Metrics;
        var message = $"{label} from {string.Join(", ", features)}: blocked {cv.Folds}-fold CV balanced accuracy " +
            $"{m.BalancedAccuracy:F3}, accuracy {m.Accuracy:F3} ({data.Count} samples, {result.BlockCount} blocks)";
        foreach (var s in schemes.Skip(1))
            message += $"; {s.Name.Replace('_', '-')} {s.Result.Metrics.BalancedAccuracy:F3}";
        if (o.UnknownRate > 0)
            message += "; " + string.Join(", ", schemes.Select(s => $"{s.Name.Replace('_', '-')} unknown {s.Result.UnknownCount}/{s.Result.Metrics.Count}" +
                (s.Result.KeptMetrics is { } k ? $" (balanced accuracy of the rest {k.BalancedAccuracy:F3})" : "")));
        outputs.Result.Message = message;
        if (result.SkippedFolds > 0) outputs.Warn($"{result.SkippedFolds} fold(s) skipped: their training rows held a single class");
        var json = ClassifyReport.Train(label, features, trainer, classifier, table, data, schemes, reliability,
            raw is null ? null : ClassifyReport.ReliabilityOf(data, raw), comparison, ranking, model, sourceField);
        if (duplicates is not null) json["cross_source_duplicates"] = ClassifyReport.Duplicates(duplicates, beforeDrop, !o.KeepDuplicates);
        outputs.Result.ReportJson = json.ToJsonString();
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
        int unknown = 0;
        if (p.Unknown is { } isUnknown)
        {
            table.SetNumeric("novelty", p.Novelty!);
            table.SetNumeric("unknown", isUnknown.Select(u => u ? 1.0 : 0.0).ToArray());
            table.SetText("answer", p.PredictedClass.Select((c, i) => c < 0 ? null : isUnknown[i] ? "unknown" : classes[c]).ToArray());
            unknown = isUnknown.Count(u => u);
        }
        var path = Path.Combine(ctx.WorkDir, "predicted.gpkg");
        OgrVectorWriter.WriteGeoPackage(path, "samples", SampleTableLayer.ToLayer(table, "samples"));
        outputs.AddFile("samples", path);
        int missing = p.PredictedClass.Count(c => c < 0);
        if (missing > 0) outputs.Warn($"{missing} sample(s) have none of the indicators {string.Join(", ", model.Info.Features)}: not predicted");
        outputs.Result.Message = $"{table.RowCount - missing} samples predicted ({model.Info.Label}: {string.Join("/", classes)})" +
            (p.Unknown is null ? "" : $", {unknown} of them unknown (novelty above {model.Info.NoveltyThreshold:G4})");
        outputs.Result.ReportJson = new JsonObject
        {
            ["label"] = model.Info.Label,
            ["features"] = new JsonArray(model.Info.Features.Select(f => (JsonNode)f).ToArray()),
            ["predicted"] = new JsonObject(classes.Select((c, k) => KeyValuePair.Create(c, (JsonNode?)p.PredictedClass.Count(x => x == k)))),
            ["not_predicted"] = missing,
            ["unknown"] = p.Unknown is null ? null : unknown,
            ["calibrated"] = model.Info.Calibration is not null || model.Info.IsotonicCalibration is not null,
            ["calibration"] = model.Info.Calibration is not null ? "platt" : model.Info.IsotonicCalibration is not null ? "isotonic" : "none",
        }.ToJsonString();
        ctx.Report(1, "done", outputs.Result.Message);
    }
}
