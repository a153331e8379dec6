using System.CommandLine;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Regions;

/// <summary>`gisbridge classify train|predict` (same job as the ClassifyAnomalies RPC).</summary>
public static class ClassifyCommand
{
    public static Command Create(IServiceProvider services)
    {
        var command = new Command("classify", "Train an anomaly classifier with spatially blocked CV, or apply a saved one");
        command.Subcommands.Add(Train(services));
        command.Subcommands.Add(Predict(services));
        return command;
    }

    private static Command Train(IServiceProvider services)
    {
        var input = new Option<string[]>("--input")
        {
            Description = "Samples file(s): several (space-separated or repeated) are trained on together, each file's name in the field 'source'",
            Required = true, AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore,
        };
        var label = new Option<string>("--label") { Description = "Label field to learn (e.g. dupal, or a region field)", Required = true };
        var features = new Option<string>("--features") { Description = "Comma-separated indicator fields", Required = true };
        var model = new Option<string>("--model") { Description = "Model file to write (ML.NET zip; its JSON description is written beside it too)", Required = true };
        var folds = new Option<int>("--folds") { Description = "Blocked CV folds (default 5)", DefaultValueFactory = _ => 5 };
        var block = new Option<double>("--block-size") { Description = "Lat/lon block size, degrees (default 5)", DefaultValueFactory = _ => 5 };
        var blockField = new Option<string?>("--block-field") { Description = "Block by this field instead (e.g. a ridge segment)" };
        var rank = new Option<bool>("--rank") { Description = "Rank the indicators (permutation importance + recursive elimination)" };
        var trainer = new Option<string>("--trainer") { Description = "fasttree | lightgbm (default fasttree)", DefaultValueFactory = _ => "fasttree" };
        var resampling = new Option<string>("--resampling") { Description = "none | random-under | random-over | smote, inside each training fold (default none)", DefaultValueFactory = _ => "none" };
        var noWeights = new Option<bool>("--no-class-weights") { Description = "Do not weight the classes by n / (classes x n_class)" };
        var compare = new Option<bool>("--compare-balancing") { Description = "Report blocked CV of class weights, none, under, over and SMOTE side by side" };
        var calibrate = new Option<bool>("--calibrate") { Description = "Platt-calibrate probabilities inside CV (= --calibration platt)" };
        var calibration = new Option<string?>("--calibration") { Description = "none | platt | isotonic: calibrate probabilities inside CV; writes a reliability chart" };
        calibration.AcceptOnlyFromAmong("none", "platt", "isotonic");
        var unknownRate = new Option<double>("--unknown-rate") { Description = "Answer 'unknown' above the inner-CV (1 - rate) novelty quantile, e.g. 0.05 (default 0: never)" };
        var sourceField = new Option<string?>("--source-field") { Description = "Leave-one-source-out by this field (default 'source', the file name, when several files are given)" };
        var regionField = new Option<string?>("--region-field") { Description = "Leave-one-region-out by this field (default: lat/lon cells of --region-size)" };
        var regionSize = new Option<double>("--region-size") { Description = "Region cell size for leave-one-region-out, degrees (default 30)", DefaultValueFactory = _ => 30 };
        var noRegion = new Option<bool>("--no-region-cv") { Description = "Skip the leave-one-region-out CV" };
        var keepDuplicates = new Option<bool>("--keep-duplicates") { Description = "Keep a sample found in an earlier file too (IGSN, or name within the tolerance)" };
        var duplicateKm = new Option<double>("--duplicate-tolerance") { Description = "Distance within which two rows of one name are one sample, km (default 5)", DefaultValueFactory = _ => 5 };
        var chart = new Option<string?>("--reliability-chart") { Description = "Reliability chart PNG (with --calibration; the SVG is written beside it)" };
        var report = RegionsCli.Report();
        var seed = RegionsCli.Seed();
        var command = new Command("train", "Train on labelled samples; report blocked, leave-one-source-out and leave-one-region-out CV (and the indicator ranking)")
            { input, label, features, model, folds, block, blockField, rank, trainer, resampling, noWeights, compare, calibrate, calibration, unknownRate,
              sourceField, regionField, regionSize, noRegion, keepDuplicates, duplicateKm, chart, report, seed };
        command.SetAction((parse, ct) => Task.FromResult(RegionsCli.Run(services, RegionsCli.Job<ClassifyAnomaliesJob>(services), () =>
        {
            var options = new ClassifyAnomaliesOptions
            {
                Mode = ClassifyMode.Train, Label = parse.GetValue(label)!, Folds = parse.GetValue(folds),
                BlockSizeDegrees = parse.GetValue(block), BlockField = parse.GetValue(blockField) ?? "",
                RankIndicators = parse.GetValue(rank), Seed = parse.GetValue(seed), Trainer = parse.GetValue(trainer)!,
                Resampling = parse.GetValue(resampling) ?? "", NoClassWeights = parse.GetValue(noWeights),
                CompareBalancing = parse.GetValue(compare), Calibrate = parse.GetValue(calibrate), UnknownRate = parse.GetValue(unknownRate),
                SourceField = parse.GetValue(sourceField) ?? "", RegionField = parse.GetValue(regionField) ?? "",
                RegionSizeDegrees = parse.GetValue(regionSize), SkipRegionCv = parse.GetValue(noRegion),
                KeepDuplicates = parse.GetValue(keepDuplicates), DuplicateToleranceKm = parse.GetValue(duplicateKm),
                CalibrationMethod = parse.GetValue(calibration) switch
                {
                    "none" => CalibrationMethod.None,
                    "platt" => CalibrationMethod.Platt,
                    "isotonic" => CalibrationMethod.Isotonic,
                    _ => CalibrationMethod.Unspecified,
                },
            };
            options.Features.Add(parse.GetValue(features)!);
            var modelPath = parse.GetValue(model)!;
            var outputs = new CliDestinations { ReportPath = parse.GetValue(report) };
            outputs.Files["model"] = modelPath;
            outputs.Files["model_info"] = RegionsCli.Beside(modelPath, ".json");
            if (parse.GetValue(chart) is { Length: > 0 } png)
            {
                outputs.Files["reliability_png"] = png;
                outputs.Files["reliability_svg"] = RegionsCli.Beside(png, ".svg");
            }
            var inputs = new JobInputs();
            foreach (var path in parse.GetValue(input)!)
                foreach (var file in RegionsCli.Samples(path).Files) inputs.AddFile(file);
            return (options, inputs, outputs);
        }, ct)));
        return command;
    }

    private static Command Predict(IServiceProvider services)
    {
        var input = RegionsCli.Input();
        var model = new Option<string>("--model") { Description = "Model written by classify train", Required = true };
        var output = new Option<string>("--output") { Description = "Samples with predicted and probability (GeoPackage)", Required = true };
        var report = RegionsCli.Report();
        var command = new Command("predict", "Apply a saved classifier: adds predicted and probability (of the predicted class)")
            { input, model, output, report };
        command.SetAction((parse, ct) => Task.FromResult(RegionsCli.Run(services, RegionsCli.Job<ClassifyAnomaliesJob>(services), () =>
        {
            var modelPath = parse.GetValue(model)!;
            if (!File.Exists(modelPath)) throw new FileNotFoundException($"--model: file '{modelPath}' does not exist");
            var inputs = RegionsCli.Samples(parse.GetValue(input)!);
            inputs.AddFile(new InputFile("model", Path.GetFileName(modelPath), Path.GetFullPath(modelPath)));
            var outputs = new CliDestinations { ReportPath = parse.GetValue(report) };
            outputs.Files["samples"] = parse.GetValue(output)!;
            return (new ClassifyAnomaliesOptions { Mode = ClassifyMode.Predict }, inputs, outputs);
        }, ct)));
        return command;
    }
}
