using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Lithology.Data;
using GisBridge.Algorithms.Lithology.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Lithology.Inference;

/// <summary>Sliding-window settings. Windows larger than the raster shrink to it.</summary>
public sealed record PredictorOptions
{
    /// <summary>Window side in pixels (default 512).</summary>
    public int Window { get; init; } = 512;
    /// <summary>Fraction of the window shared by neighbours, in [0, 0.9] (default 0.25).</summary>
    public double Overlap { get; init; } = 0.25;
    /// <summary>Windows per forward pass (default 4); bounds the memory with the window size.</summary>
    public int BatchSize { get; init; } = 4;
    public bool WantConfidence { get; init; } = true;
    public bool WantEntropy { get; init; } = true;
    /// <summary>
    /// Test-time augmentation: every window is also run flipped (and rotated by 90° steps when square: the 8
    /// symmetries of the square, else the 4 flips); the probabilities are averaged and the spread between the
    /// augmentations is given as the mutual information (nats) between the class and the augmentation, an
    /// epistemic uncertainty that is 0 where every view agrees. Costs 4 or 8 forward passes per window.
    /// </summary>
    public bool TestTimeAugmentation { get; init; }
    /// <summary>
    /// Monte-Carlo dropout: every window (and every view, with <see cref="TestTimeAugmentation"/>) is run this many
    /// times with the network's dropout layers drawing masks and batch normalisation in evaluation mode; the
    /// probabilities are averaged and the spread is the same mutual information, now between the class and the
    /// sampled network (epistemic). 0 = off; needs a model trained with dropout. The masks come from libtorch's
    /// global generator, so two runs differ by the sampling.
    /// </summary>
    public int McDropoutSamples { get; init; }
    /// <summary>Most Monte-Carlo dropout samples per window.</summary>
    public const int MaxMcDropoutSamples = 64;

    /// <summary>Whether the prediction has an uncertainty raster (augmentation, dropout sampling or both).</summary>
    public bool WantsUncertainty => TestTimeAugmentation || McDropoutSamples > 0;
}

/// <summary>Class map (255 where the input is nodata), max probability, entropy and the test-time-augmentation
/// mutual information (nats), NaN on nodata.</summary>
public sealed record LithologyPrediction(int Width, int Height, byte[] Classes, float[]? Confidence, float[]? Entropy,
    float[]? Uncertainty = null)
{
    /// <summary>Cells outside the training data (see <see cref="PredictionSummary"/>).</summary>
    public long OutOfRangeCells { get; init; }
}

/// <summary>
/// Counts of a prediction: cells predicted, and cells with a band more than <see cref="SlidingWindowPredictor.OutOfRangeZ"/>
/// training standard deviations from the training mean (the model card's normalisation), i.e. inputs outside the
/// data the model learnt from, where its answer is an extrapolation.
/// </summary>
public sealed record PredictionSummary(long ValidCells, long OutOfRangeCells)
{
    public double OutOfRangeFraction => ValidCells > 0 ? (double)OutOfRangeCells / ValidCells : 0;
}

/// <summary>
/// Tiled inference over a raster of any size: overlapping windows, softmax probabilities blended with Hann
/// (raised-cosine) weights, so that window borders (where the network lacks context) count little. Memory is
/// bounded: windows are run by rows of windows, batch by batch, and the probability accumulator holds one window
/// height of rows; finished rows are turned into classes / confidence / entropy and released.
/// </summary>
public static class SlidingWindowPredictor
{
    /// <summary>|z| beyond which a band value counts as outside the training data.</summary>
    public const float OutOfRangeZ = 5f;

    /// <summary>Predicts bands held in memory (see the streaming overload for rasters larger than memory).</summary>
    public static LithologyPrediction Predict(nn.Module<Tensor, Tensor> network, int numClasses, ChannelNormalization normalization,
        IReadOnlyList<float[]> bands, int width, int height, PredictorOptions options, Device device,
        IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        Check(numClasses, normalization, bands, width, height, options);
        var result = new LithologyPrediction(width, height, new byte[width * height],
            options.WantConfidence ? new float[width * height] : null, options.WantEntropy ? new float[width * height] : null,
            options.WantsUncertainty ? new float[width * height] : null);
        var summary = Predict(network, numClasses, normalization, new ArrayBandRows(bands, width, height), new PredictionCollector(result),
            options, device, progress, cancellation);
        return result with { OutOfRangeCells = summary.OutOfRangeCells };
    }

    /// <summary>
    /// Streaming prediction: reads one strip of window height at a time from <paramref name="input"/> and hands
    /// finished rows to <paramref name="output"/>, so memory is bounded by the raster width, not its size.
    /// </summary>
    public static PredictionSummary Predict(nn.Module<Tensor, Tensor> network, int numClasses, ChannelNormalization normalization,
        IBandRowReader input, IPredictionRowWriter output, PredictorOptions options, Device device,
        IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        int width = input.Width, height = input.Height;
        Check(numClasses, normalization, input.BandCount, width, height, options);
        int winH = Math.Min(options.Window, height), winW = Math.Min(options.Window, width);
        var rowsAt = Positions(height, winH, options.Overlap);
        var colsAt = Positions(width, winW, options.Overlap);
        var weight = HannWindow(winH, winW);
        int k = numClasses, c = input.BandCount;
        var strip = new float[c][];
        for (int b = 0; b < c; b++) strip[b] = new float[(long)winH * width];
        var acc = new float[(long)k * winH * width];   // probabilities x weight, rows [bufferTop, bufferTop + winH)
        var wsum = new float[winH * width];
        var mi = options.WantsUncertainty ? new float[winH * width] : null; // mutual information x weight
        var rows = new FinishedRows(winH * width, options.WantConfidence, options.WantEntropy, options.WantsUncertainty);
        int bufferTop = 0;
        long valid = 0, outOfRange = 0;
        if (options.McDropoutSamples > 0 && !ClassifierDropout.Has(network))
            throw new ArgumentException("Monte-Carlo dropout needs a model trained with dropout (ggmnet-train --dropout); " +
                "this one has no dropout layer", nameof(options));
        network.eval();
        using var sampling = options.McDropoutSamples > 0 ? ClassifierDropout.Sampling(network) : null;
        for (int r = 0; r < rowsAt.Length; r++)
        {
            int y0 = rowsAt[r];
            input.ReadRows(y0, winH, strip);
            for (int start = 0; start < colsAt.Length; start += options.BatchSize)
            {
                cancellation.ThrowIfCancellationRequested();
                int count = Math.Min(options.BatchSize, colsAt.Length - start);
                var batch = new float[(long)count * c * winH * winW];
                for (int i = 0; i < count; i++)
                    FillWindow(batch, i, strip, normalization, width, colsAt[start + i], winH, winW);
                float[] probs;
                float[]? info = null;
                using (var scope = NewDisposeScope())
                using (no_grad())
                {
                    var x = tensor(batch, [count, c, winH, winW]).to(device);
                    Tensor? mutual;
                    var p = options.WantsUncertainty
                        ? SampledProbabilities(network, x, k, options.TestTimeAugmentation, options.McDropoutSamples, out mutual)
                        : Probabilities(network, x, k, 0, out mutual);
                    probs = p.cpu().data<float>().ToArray();
                    if (mi is not null) info = mutual!.cpu().data<float>().ToArray();
                }
                for (int i = 0; i < count; i++)
                    Accumulate(probs, info, i, k, winH, winW, weight, acc, wsum, mi, width, y0 - bufferTop, colsAt[start + i]);
            }
            int nextTop = r + 1 < rowsAt.Length ? rowsAt[r + 1] : height;
            // bufferTop == y0: the finished rows lie inside the strip just read.
            int done = nextTop - bufferTop;
            var (v, o) = Finalize(rows, strip, acc, wsum, mi, k, width, done, normalization);
            valid += v;
            outOfRange += o;
            output.WriteRows(bufferTop, done, rows.Classes.AsSpan(0, done * width),
                rows.Confidence is null ? [] : rows.Confidence.AsSpan(0, done * width),
                rows.Entropy is null ? [] : rows.Entropy.AsSpan(0, done * width),
                rows.Uncertainty is null ? [] : rows.Uncertainty.AsSpan(0, done * width));
            Shift(acc, wsum, k, winH, width, done);
            if (mi is not null) ShiftPlane(mi, winH, width, done);
            bufferTop = nextTop;
            progress?.Report((r + 1.0) / rowsAt.Length);
        }
        return new PredictionSummary(valid, outOfRange);
    }

    private sealed class FinishedRows(int cells, bool confidence, bool entropy, bool uncertainty)
    {
        public byte[] Classes { get; } = new byte[cells];
        public float[]? Confidence { get; } = confidence ? new float[cells] : null;
        public float[]? Entropy { get; } = entropy ? new float[cells] : null;
        public float[]? Uncertainty { get; } = uncertainty ? new float[cells] : null;
    }

    // Softmax of the network on view `view` of x (bit 0: flip columns, bit 1: flip rows, bit 2: transpose), mapped
    // back to the original orientation.
    private static Tensor Probabilities(nn.Module<Tensor, Tensor> network, Tensor x, int k, int view, out Tensor? mutual)
    {
        mutual = null;
        var v = x;
        if ((view & 1) != 0) v = v.flip(3);
        if ((view & 2) != 0) v = v.flip(2);
        if ((view & 4) != 0) v = v.transpose(2, 3);
        var logits = network.forward(v);
        if (logits.shape[1] != k)
            throw new ArgumentException($"the network gives {logits.shape[1]} classes, the model card lists {k}");
        var p = nn.functional.softmax(logits, 1);
        if ((view & 4) != 0) p = p.transpose(2, 3);
        if ((view & 2) != 0) p = p.flip(2);
        if ((view & 1) != 0) p = p.flip(3);
        return p.contiguous();
    }

    // Mean probability over the views (the symmetries when augmenting, each sampled dropoutSamples times) and the
    // mutual information I = H(mean p) - mean H(p) (>= 0, BALD).
    private static Tensor SampledProbabilities(nn.Module<Tensor, Tensor> network, Tensor x, int k, bool augment, int dropoutSamples,
        out Tensor? mutual)
    {
        int views = !augment ? 1 : x.shape[2] == x.shape[3] ? 8 : 4, samples = Math.Max(1, dropoutSamples);
        Tensor? sum = null, sumEntropy = null;
        for (int view = 0; view < views; view++)
            for (int s = 0; s < samples; s++)
            {
                // Each pass's activations go at its end; the batch's scope would keep all passes (GBs each at
                // large windows) until the batch is done. The sums are updated in place.
                using var pass = NewDisposeScope();
                var p = Probabilities(network, x, k, view, out _);
                var h = -(p * p.AtLeast(1e-12).log()).sum(1);
                if (sum is null)
                {
                    sum = p.MoveToOuterDisposeScope();
                    sumEntropy = h.MoveToOuterDisposeScope();
                }
                else
                {
                    sum.PlusInPlace(p);
                    sumEntropy!.PlusInPlace(h);
                }
            }
        var mean = sum!.DividedBy(views * samples);
        mutual = (-(mean * mean.AtLeast(1e-12).log()).sum(1) - sumEntropy!.DividedBy(views * samples)).AtLeast(0).contiguous();
        return mean.contiguous();
    }

    /// <summary>Window origins covering [0, length): a regular step, the last window flush with the end.</summary>
    internal static int[] Positions(int length, int window, double overlap)
    {
        int step = Math.Max(1, (int)Math.Round(window * (1 - overlap)));
        var p = new List<int>();
        for (int s = 0; s + window < length; s += step) p.Add(s);
        p.Add(length - window);
        return p.Distinct().ToArray();
    }

    /// <summary>Separable raised-cosine weights, positive everywhere (floor 1e-3) so every covered pixel gets a value.</summary>
    internal static float[] HannWindow(int h, int w)
    {
        static double Hann(int i, int n) => Math.Max(1e-3, 0.5 - 0.5 * Math.Cos(2 * Math.PI * (i + 0.5) / n));
        var win = new float[h * w];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) win[y * w + x] = (float)(Hann(y, h) * Hann(x, w));
        return win;
    }

    private static void FillWindow(float[] input, int item, float[][] strip, ChannelNormalization norm,
        int width, int x0, int winH, int winW)
    {
        int c = strip.Length;
        for (int b = 0; b < c; b++)
        {
            long basePos = ((long)item * c + b) * winH * winW;
            for (int y = 0; y < winH; y++)
                norm.Apply(b, strip[b].AsSpan(y * width + x0, winW), input.AsSpan((int)(basePos + (long)y * winW), winW));
        }
    }

    private static void Accumulate(float[] probs, float[]? info, int item, int k, int winH, int winW, float[] weight, float[] acc,
        float[] wsum, float[]? mi, int width, int rowInBuffer, int x0)
    {
        int plane = winH * winW;
        for (int y = 0; y < winH; y++)
        {
            int bufRow = (rowInBuffer + y) * width + x0;
            for (int x = 0; x < winW; x++)
            {
                float w = weight[y * winW + x];
                wsum[bufRow + x] += w;
                for (int cl = 0; cl < k; cl++)
                    acc[(long)cl * wsum.Length + bufRow + x] += w * probs[((long)item * k + cl) * plane + y * winW + x];
                if (mi is not null) mi[bufRow + x] += w * info![(long)item * plane + y * winW + x];
            }
        }
    }

    // Rows [0, done) of the buffers (and of the strip, which starts at the same row) to classes / confidence / entropy.
    private static (long Valid, long OutOfRange) Finalize(FinishedRows result, float[][] strip, float[] acc, float[] wsum, float[]? mi,
        int k, int width, int done, ChannelNormalization norm)
    {
        long valid = 0, outside = 0;
        for (int o = 0; o < done * width; o++)
        {
            bool nodata = false;
            foreach (var band in strip) nodata |= !float.IsFinite(band[o]);
            if (nodata || wsum[o] <= 0)
            {
                result.Classes[o] = 255;
                if (result.Confidence is not null) result.Confidence[o] = float.NaN;
                if (result.Entropy is not null) result.Entropy[o] = float.NaN;
                if (result.Uncertainty is not null) result.Uncertainty[o] = float.NaN;
                continue;
            }
            valid++;
            for (int b = 0; b < strip.Length; b++)
                if (Math.Abs(strip[b][o] - norm.Mean[b]) > OutOfRangeZ * norm.Std[b]) { outside++; break; }
            int best = 0;
            float bestP = -1;
            double entropy = 0;
            for (int cl = 0; cl < k; cl++)
            {
                float p = acc[(long)cl * wsum.Length + o] / wsum[o];
                if (p > bestP) { bestP = p; best = cl; }
                if (p > 0) entropy -= p * Math.Log(p);
            }
            result.Classes[o] = (byte)best;
            if (result.Confidence is not null) result.Confidence[o] = bestP;
            if (result.Entropy is not null) result.Entropy[o] = (float)entropy;
            if (result.Uncertainty is not null) result.Uncertainty[o] = mi![o] / wsum[o];
        }
        return (valid, outside);
    }

    // Moves rows [done, winH) of the buffers to the top and clears the rest.
    private static void Shift(float[] acc, float[] wsum, int k, int winH, int width, int done)
    {
        int keep = Math.Max(0, winH - done) * width, plane = winH * width, drop = Math.Min(done, winH) * width;
        for (int cl = 0; cl <= k; cl++)
        {
            var buf = cl < k ? acc : wsum;
            int o = cl < k ? cl * plane : 0;
            if (keep > 0) Array.Copy(buf, o + drop, buf, o, keep);
            Array.Clear(buf, o + keep, plane - keep);
        }
    }

    private static void ShiftPlane(float[] buf, int winH, int width, int done)
    {
        int keep = Math.Max(0, winH - done) * width, drop = Math.Min(done, winH) * width;
        if (keep > 0) Array.Copy(buf, drop, buf, 0, keep);
        Array.Clear(buf, keep, buf.Length - keep);
    }

    private static void Check(int numClasses, ChannelNormalization normalization, IReadOnlyList<float[]> bands, int width,
        int height, PredictorOptions o)
    {
        if (bands is null || bands.Count == 0) throw new ArgumentException("the input raster has no band");
        Check(numClasses, normalization, bands.Count, width, height, o);
        for (int b = 0; b < bands.Count; b++)
            if (bands[b].Length != (long)width * height)
                throw new ArgumentException($"band {b} has {bands[b].Length} cells, expected {width}x{height}");
    }

    private static void Check(int numClasses, ChannelNormalization normalization, int bandCount, int width, int height, PredictorOptions o)
    {
        if (width < 1 || height < 1) throw new ArgumentException($"raster size must be positive, got {width}x{height}");
        if (bandCount == 0) throw new ArgumentException("the input raster has no band");
        if (bandCount != normalization.Channels)
            throw new ArgumentException($"the model expects {normalization.Channels} input bands, the raster has {bandCount}");
        if (numClasses is < 2 or > 255) throw new ArgumentException($"class count must be 2..255, got {numClasses}");
        if (o.Window < 8) throw new ArgumentException($"window must be at least 8 pixels, got {o.Window}");
        if (o.Overlap is < 0 or > 0.9) throw new ArgumentException($"overlap must be in [0, 0.9], got {o.Overlap}");
        if (o.BatchSize < 1) throw new ArgumentException($"batch size must be positive, got {o.BatchSize}");
        if (o.McDropoutSamples is < 0 or > PredictorOptions.MaxMcDropoutSamples)
            throw new ArgumentException($"Monte-Carlo dropout samples must be 0..{PredictorOptions.MaxMcDropoutSamples}, got {o.McDropoutSamples}");
    }
}
