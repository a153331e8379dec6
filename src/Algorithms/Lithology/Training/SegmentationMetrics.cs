namespace GisBridge.Algorithms.Lithology.Training;

/// <summary>Scores of a confusion matrix; per-class values are NaN where undefined (class absent).</summary>
public sealed record SegmentationScores(
    double PixelAccuracy,
    double MeanPixelAccuracy,
    double MeanIoU,
    double FrequencyWeightedIoU,
    double[] ClassAccuracy,
    double[] ClassIoU,
    long[,] Confusion);

/// <summary>
/// Confusion matrix p[i, j] = pixels of true class i predicted as j (label 255 ignored), and the paper's metrics
/// (5.2): MPA = mean over classes present in the truth of p_ii / sum_j p_ij; IoU_i = p_ii / (sum_j p_ij + sum_j p_ji
/// - p_ii); mIoU over classes with a non-empty union; FWIoU = sum_i (sum_j p_ij / total) IoU_i.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[,] counts;

    public ConfusionMatrix(int numClasses)
    {
        if (numClasses < 2) throw new ArgumentException($"a confusion matrix needs at least 2 classes, got {numClasses}");
        NumClasses = numClasses;
        counts = new long[numClasses, numClasses];
    }

    public int NumClasses { get; }
    public long this[int truth, int predicted] => counts[truth, predicted];

    public void Add(int truth, int predicted, long count = 1)
    {
        if ((uint)truth >= NumClasses || (uint)predicted >= NumClasses)
            throw new ArgumentException($"class out of range: truth {truth}, predicted {predicted}, {NumClasses} classes");
        counts[truth, predicted] += count;
    }

    /// <summary>Adds a labelled map; truth 255 is skipped, as is a prediction of 255 (nodata), counted in <see cref="Unpredicted"/>.</summary>
    public void Add(ReadOnlySpan<byte> truth, ReadOnlySpan<byte> predicted)
    {
        if (truth.Length != predicted.Length)
            throw new ArgumentException($"truth has {truth.Length} cells, prediction {predicted.Length}");
        for (int i = 0; i < truth.Length; i++)
        {
            if (truth[i] == 255) continue;
            if (predicted[i] == 255) { Unpredicted++; continue; }
            Add(truth[i], predicted[i]);
        }
    }

    /// <summary>Labelled cells that had no prediction (nodata input).</summary>
    public long Unpredicted { get; private set; }

    public SegmentationScores Scores()
    {
        int k = NumClasses;
        var row = new double[k];
        var col = new double[k];
        double total = 0, diag = 0;
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                row[i] += counts[i, j];
                col[j] += counts[i, j];
                total += counts[i, j];
                if (i == j) diag += counts[i, j];
            }
        var acc = new double[k];
        var iou = new double[k];
        double fw = 0;
        for (int i = 0; i < k; i++)
        {
            acc[i] = row[i] > 0 ? counts[i, i] / row[i] : double.NaN;
            double union = row[i] + col[i] - counts[i, i];
            iou[i] = union > 0 ? counts[i, i] / union : double.NaN;
            if (total > 0 && row[i] > 0) fw += row[i] / total * iou[i];
        }
        return new SegmentationScores(
            total > 0 ? diag / total : double.NaN,
            MeanOfDefined(acc),
            MeanOfDefined(iou),
            total > 0 ? fw : double.NaN,
            acc, iou, (long[,])counts.Clone());
    }

    private static double MeanOfDefined(double[] v)
    {
        var d = v.Where(x => !double.IsNaN(x)).ToArray();
        return d.Length > 0 ? d.Average() : double.NaN;
    }
}
