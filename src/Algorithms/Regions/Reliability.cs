namespace GisBridge.Algorithms.Regions;

/// <summary>One bin of a reliability diagram: mean predicted probability, observed frequency, row count.</summary>
public sealed record ReliabilityBin(double Lower, double Upper, double MeanPredicted, double ObservedFrequency, int Count);

/// <summary>Reliability diagram and expected calibration error (ECE = sum over bins of n_b / n x |observed - predicted|).</summary>
public sealed record Reliability(IReadOnlyList<ReliabilityBin> Bins, double ExpectedCalibrationError, int Count)
{
    public const int DefaultBins = 10;

    /// <summary>Equal-width bins of the predicted probability of an event against how often it happened
    /// (rows with a non-finite probability are skipped).</summary>
    public static Reliability Compute(IReadOnlyList<double> probability, IReadOnlyList<bool> happened, int bins = DefaultBins)
    {
        ArgumentNullException.ThrowIfNull(probability);
        ArgumentNullException.ThrowIfNull(happened);
        if (probability.Count != happened.Count) throw new ArgumentException($"{probability.Count} probabilities but {happened.Count} outcomes", nameof(happened));
        if (bins < 1) throw new ArgumentException($"bins must be >= 1 (got {bins})", nameof(bins));
        var sumP = new double[bins]; var hits = new int[bins]; var counts = new int[bins];
        int n = 0;
        for (int i = 0; i < probability.Count; i++)
        {
            double p = probability[i];
            if (!double.IsFinite(p)) continue;
            int b = Math.Clamp((int)(p * bins), 0, bins - 1);
            sumP[b] += p; counts[b]++; n++;
            if (happened[i]) hits[b]++;
        }
        var result = new List<ReliabilityBin>();
        double ece = 0;
        for (int b = 0; b < bins; b++)
        {
            if (counts[b] == 0) continue;
            double mean = sumP[b] / counts[b], observed = (double)hits[b] / counts[b];
            ece += (double)counts[b] / n * Math.Abs(observed - mean);
            result.Add(new ReliabilityBin((double)b / bins, (double)(b + 1) / bins, mean, observed, counts[b]));
        }
        return new Reliability(result, n > 0 ? ece : double.NaN, n);
    }
}
