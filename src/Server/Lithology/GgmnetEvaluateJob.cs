using System.Text.Json;
using GisBridge.Algorithms.Lithology.Inference;
using GisBridge.Algorithms.Lithology.Training;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Lithology;

/// <summary>Options of the evaluation verb (no RPC in the protocol): subset, device, window.</summary>
public sealed record GgmnetEvaluateOptions(string Subset = "test", string Device = "cpu", int Window = 512, string? ModelPath = null);

/// <summary>
/// Evaluation (verb `ggmnet-evaluate`): a model against a subset of a dataset, or with subset "holdout" at the
/// dataset's held-out points (<see cref="PointEvaluator"/>); the report holds MPA, FWIoU, mIoU, pixel accuracy,
/// per-class IoU and accuracy, and the confusion matrix (rows = truth).
/// </summary>
public sealed class GgmnetEvaluateJob(IGeoIo geo) : IJob<GgmnetEvaluateOptions>
{
    public InputNeeds Needs(GgmnetEvaluateOptions options) =>
        string.IsNullOrWhiteSpace(options.ModelPath) ? InputNeeds.File("dataset", "model") : InputNeeds.File("dataset");

    public void Run(GgmnetEvaluateOptions options, JobInputs inputs, JobOutputs outputs, JobContext context)
    {
        using var model = LithologyFiles.ReadModel(inputs, options.ModelPath, options.Device);
        var dataset = LithologyFiles.ReadDataset(geo, inputs.FilesNamed("dataset"));
        var predictor = new PredictorOptions { Window = options.Window };
        SegmentationScores s;
        int scored, withoutTile = 0;
        if (options.Subset == "holdout")
        {
            var points = LithologyFiles.ReadHoldout(inputs.FilesNamed("dataset"), dataset.Classes.Count);
            context.Report(0.1, "evaluating", $"scoring {points.Count} held-out points");
            var p = PointEvaluator.Evaluate(model, dataset.Tiles, points, predictor, options.Device, context.Cancellation);
            (s, scored, withoutTile) = (p.Scores, p.Points - p.WithoutTile, p.WithoutTile);
            if (withoutTile > 0) outputs.Warn($"{withoutTile} held-out points lie in no tile and were not scored");
        }
        else
        {
            var tiles = dataset.Subset(options.Subset);
            if (tiles.Count == 0) throw new JobInputException("subset", $"the dataset's '{options.Subset}' subset is empty");
            context.Report(0.1, "evaluating", $"scoring {tiles.Count} tiles");
            s = LithologyEvaluator.Evaluate(model, tiles, predictor, options.Device, context.Cancellation);
            scored = tiles.Count;
        }
        int k = model.Card.Classes.Count;
        outputs.Result.Message = $"{options.Subset}: MPA {s.MeanPixelAccuracy:P2}, FWIoU {s.FrequencyWeightedIoU:P2}, mIoU {s.MeanIoU:P2}";
        outputs.Result.ReportJson = JsonSerializer.Serialize(new
        {
            subset = options.Subset, tiles = options.Subset == "holdout" ? (int?)null : scored,
            points = options.Subset == "holdout" ? scored : (int?)null, points_without_tile = options.Subset == "holdout" ? withoutTile : (int?)null, mpa = N(s.MeanPixelAccuracy), fwiou = N(s.FrequencyWeightedIoU),
            miou = N(s.MeanIoU), pixel_accuracy = N(s.PixelAccuracy),
            classes = model.Card.Classes.Select((c, i) => new { c.Id, c.Name, iou = N(s.ClassIoU[i]), accuracy = N(s.ClassAccuracy[i]) }),
            confusion = Enumerable.Range(0, k).Select(i => Enumerable.Range(0, k).Select(j => s.Confusion[i, j]).ToArray()).ToArray(),
        });
        context.Report(1, "done", outputs.Result.Message);
    }

    private static double? N(double v) => double.IsFinite(v) ? v : null;
}
