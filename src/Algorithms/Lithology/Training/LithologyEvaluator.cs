using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Lithology.Data;
using GisBridge.Algorithms.Lithology.Inference;
using TorchSharp;

namespace GisBridge.Algorithms.Lithology.Training;

/// <summary>Scores a trained model on labelled tiles (sliding-window prediction, then the confusion matrix).</summary>
public static class LithologyEvaluator
{
    public static SegmentationScores Evaluate(LithologyModel model, IReadOnlyList<SegmentationTile> tiles,
        PredictorOptions? options = null, string device = "cpu", CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (tiles is null || tiles.Count == 0) throw new ArgumentException("evaluation: no labelled tile to score");
        var opts = (options ?? new PredictorOptions()) with { WantConfidence = false, WantEntropy = false };
        var dev = TorchRuntime.ResolveDevice(device);
        model.Network.to(dev);
        var cm = new ConfusionMatrix(model.Card.Classes.Count);
        foreach (var t in tiles)
        {
            if (t.Bands.Count != model.Card.InChannels)
                throw new ArgumentException($"tile '{t.Name}' has {t.Bands.Count} bands, the model expects {model.Card.InChannels}");
            var p = SlidingWindowPredictor.Predict(model.Network, model.Card.Classes.Count, model.Card.Normalization,
                t.Bands, t.Width, t.Height, opts, dev, cancellation: cancellation);
            cm.Add(t.Labels, p.Classes);
        }
        return cm.Scores();
    }
}
