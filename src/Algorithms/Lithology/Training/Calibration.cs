using GisBridge.Algorithms.Lithology.Data;
using GisBridge.Algorithms.Lithology.Inference;
using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Lithology.Training;

/// <summary>One bin of a reliability diagram: pixels whose confidence lies in [Lower, Upper), their accuracy and mean confidence.</summary>
public sealed record ReliabilityBin(double Lower, double Upper, long Pixels, double? Accuracy, double? MeanConfidence);

/// <summary>
/// Calibration of the confidence (max class probability) on labelled pixels: the reliability diagram in equal-width
/// bins and the expected calibration error ECE = sum_b (n_b / N) |accuracy_b - confidence_b| (Guo et al. 2017).
/// A calibrated model's pixels at confidence 0.8 are right 80 % of the time (ECE 0).
/// </summary>
public sealed record CalibrationReport(double ExpectedCalibrationError, long Pixels, IReadOnlyList<ReliabilityBin> Bins)
{
    /// <summary>Bins pixels (confidence, correct); ignored labels are left out by the caller.</summary>
    public static CalibrationReport FromPixels(IEnumerable<(float Confidence, bool Correct)> pixels, int bins = 10)
    {
        if (bins < 1) throw new ArgumentException($"calibration: bins must be positive, got {bins}", nameof(bins));
        var n = new long[bins];
        var right = new long[bins];
        var conf = new double[bins];
        foreach (var (c, ok) in pixels)
        {
            if (!float.IsFinite(c)) continue;
            int b = Math.Clamp((int)(c * bins), 0, bins - 1);
            n[b]++;
            conf[b] += c;
            if (ok) right[b]++;
        }
        long total = n.Sum();
        var list = new List<ReliabilityBin>(bins);
        double ece = 0;
        for (int b = 0; b < bins; b++)
        {
            if (n[b] == 0)
            {
                list.Add(new ReliabilityBin((double)b / bins, (double)(b + 1) / bins, 0, null, null));
                continue;
            }
            double acc = (double)right[b] / n[b], mean = conf[b] / n[b];
            list.Add(new ReliabilityBin((double)b / bins, (double)(b + 1) / bins, n[b], acc, mean));
            ece += (double)n[b] / total * Math.Abs(acc - mean);
        }
        return new CalibrationReport(total > 0 ? ece : double.NaN, total, list);
    }

    /// <summary>Predicts the tiles (sliding windows) and measures the calibration on their labelled pixels.</summary>
    public static CalibrationReport Measure(LithologyModel model, IReadOnlyList<SegmentationTile> tiles, PredictorOptions? options = null,
        string device = "cpu", int bins = 10, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var opts = (options ?? new PredictorOptions()) with { WantConfidence = true, WantEntropy = false };
        var dev = TorchRuntime.ResolveDevice(device);
        var pixels = new List<(float, bool)>();
        foreach (var t in tiles)
        {
            var p = SlidingWindowPredictor.Predict(model.Network, model.Card.Classes.Count, model.Card.Normalization,
                t.Bands, t.Width, t.Height, opts, dev, cancellation: cancellation);
            for (int i = 0; i < t.Labels.Length; i++)
                if (t.Labels[i] != SegmentationTile.Ignore && p.Classes[i] != 255)
                    pixels.Add((p.Confidence![i], p.Classes[i] == t.Labels[i]));
        }
        return FromPixels(pixels, bins);
    }
}
