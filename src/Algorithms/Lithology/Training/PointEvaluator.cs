using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Lithology.Data;
using GisBridge.Algorithms.Lithology.Inference;
using TorchSharp;

namespace GisBridge.Algorithms.Lithology.Training;

/// <summary>Scores at held-out points (<see cref="PointHoldout"/>) and how many had no tile over them.</summary>
public sealed record PointScores(SegmentationScores Scores, int Points, int WithoutTile);

/// <summary>
/// Scores a model at held-out observation points: each point is predicted in the tile (of any subset) that holds it
/// nearest the tile's centre, where the window gives it the most context, and that cell's class is compared with
/// the map's class at the point.
/// </summary>
public static class PointEvaluator
{
    public static PointScores Evaluate(LithologyModel model, IReadOnlyList<SegmentationTile> tiles, IReadOnlyList<HoldoutPoint> points,
        PredictorOptions? options = null, string device = "cpu", CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tiles);
        if (points is null || points.Count == 0) throw new ArgumentException("point evaluation: no held-out point to score");
        var opts = (options ?? new PredictorOptions()) with { WantConfidence = false, WantEntropy = false };
        var dev = TorchRuntime.ResolveDevice(device);
        model.Network.to(dev);
        var predicted = new Dictionary<SegmentationTile, byte[]>();
        var cm = new ConfusionMatrix(model.Card.Classes.Count);
        int withoutTile = 0;
        foreach (var p in points)
        {
            cancellation.ThrowIfCancellationRequested();
            if (Nearest(tiles, p.X, p.Y) is not var (tile, row, col)) { withoutTile++; continue; }
            if (!predicted.TryGetValue(tile, out var classes))
            {
                if (tile.Bands.Count != model.Card.InChannels)
                    throw new ArgumentException($"tile '{tile.Name}' has {tile.Bands.Count} bands, the model expects {model.Card.InChannels}");
                classes = SlidingWindowPredictor.Predict(model.Network, model.Card.Classes.Count, model.Card.Normalization,
                    tile.Bands, tile.Width, tile.Height, opts, dev, cancellation: cancellation).Classes;
                predicted[tile] = classes;
            }
            cm.Add([p.ClassId], [classes[row * tile.Width + col]]);
        }
        return new PointScores(cm.Scores(), points.Count, withoutTile);
    }

    /// <summary>The tile holding (x, y) nearest its centre (Chebyshev distance in half-extents), and the cell there.</summary>
    public static (SegmentationTile Tile, int Row, int Col)? Nearest(IReadOnlyList<SegmentationTile> tiles, double x, double y)
    {
        (SegmentationTile, int, int)? best = null;
        double bestDistance = double.PositiveInfinity;
        foreach (var t in tiles)
        {
            if (t.Transform is not { } gt) continue;
            double u = (x - gt.OriginX) / gt.PixelWidth, v = (y - gt.OriginY) / gt.PixelHeight; // in tile cells
            if (u < 0 || v < 0 || u >= t.Width || v >= t.Height) continue;
            double d = Math.Max(Math.Abs(u / t.Width - 0.5), Math.Abs(v / t.Height - 0.5));
            if (d < bestDistance) { bestDistance = d; best = (t, (int)v, (int)u); }
        }
        return best;
    }
}
