using GisBridge.Algorithms.Lithology.Data;
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
}

/// <summary>Class map (255 where the input is nodata), max probability and entropy (nats), NaN on nodata.</summary>
public sealed record LithologyPrediction(int Width, int Height, byte[] Classes, float[]? Confidence, float[]? Entropy);

/// <summary>
/// Tiled inference over a raster of any size: overlapping windows, softmax probabilities blended with Hann
/// (raised-cosine) weights, so that window borders (where the network lacks context) count little. Memory is
/// bounded: windows are run by rows of windows, batch by batch, and the probability accumulator holds one window
/// height of rows; finished rows are turned into classes / confidence / entropy and released.
/// </summary>
public static class SlidingWindowPredictor
{
    /// <summary>Predicts bands held in memory (see the streaming overload for rasters larger than memory).</summary>
    public static LithologyPrediction Predict(nn.Module<Tensor, Tensor> network, int numClasses, ChannelNormalization normalization,
        IReadOnlyList<float[]> bands, int width, int height, PredictorOptions options, Device device,
        IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        Check(numClasses, normalization, bands, width, height, options);
        var result = new LithologyPrediction(width, height, new byte[width * height],
            options.WantConfidence ? new float[width * height] : null, options.WantEntropy ? new float[width * height] : null);
        Predict(network, numClasses, normalization, new ArrayBandRows(bands, width, height), new PredictionCollector(result),
            options, device, progress, cancellation);
        return result;
    }

    /// <summary>
    /// Streaming prediction: reads one strip of window height at a time from <paramref name="input"/> and hands
    /// finished rows to <paramref name="output"/>, so memory is bounded by the raster width, not its size.
    /// </summary>
    public static void Predict(nn.Module<Tensor, Tensor> network, int numClasses, ChannelNormalization normalization,
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
        var rows = new FinishedRows(winH * width, options.WantConfidence, options.WantEntropy);
        int bufferTop = 0;
        network.eval();
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
                using (var scope = NewDisposeScope())
                using (no_grad())
                {
                    var x = tensor(batch, [count, c, winH, winW]).to(device);
                    var logits = network.forward(x);
                    if (logits.shape[1] != k)
                        throw new ArgumentException($"the network gives {logits.shape[1]} classes, the model card lists {k}");
                    probs = nn.functional.softmax(logits, 1).cpu().data<float>().ToArray();
                }
                for (int i = 0; i < count; i++)
                    Accumulate(probs, i, k, winH, winW, weight, acc, wsum, width, y0 - bufferTop, colsAt[start + i]);
            }
            int nextTop = r + 1 < rowsAt.Length ? rowsAt[r + 1] : height;
            // bufferTop == y0: the finished rows lie inside the strip just read.
            int done = nextTop - bufferTop;
            Finalize(rows, strip, acc, wsum, k, width, done);
            output.WriteRows(bufferTop, done, rows.Classes.AsSpan(0, done * width),
                rows.Confidence is null ? [] : rows.Confidence.AsSpan(0, done * width),
                rows.Entropy is null ? [] : rows.Entropy.AsSpan(0, done * width));
            Shift(acc, wsum, k, winH, width, done);
            bufferTop = nextTop;
            progress?.Report((r + 1.0) / rowsAt.Length);
        }
    }

    private sealed class FinishedRows(int cells, bool confidence, bool entropy)
    {
        public byte[] Classes { get; } = new byte[cells];
        public float[]? Confidence { get; } = confidence ? new float[cells] : null;
        public float[]? Entropy { get; } = entropy ? new float[cells] : null;
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

    private static void Accumulate(float[] probs, int item, int k, int winH, int winW, float[] weight, float[] acc,
        float[] wsum, int width, int rowInBuffer, int x0)
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
            }
        }
    }

    // Rows [0, done) of the buffers (and of the strip, which starts at the same row) to classes / confidence / entropy.
    private static void Finalize(FinishedRows result, float[][] strip, float[] acc, float[] wsum, int k, int width, int done)
    {
        for (int o = 0; o < done * width; o++)
        {
            bool nodata = false;
            foreach (var band in strip) nodata |= !float.IsFinite(band[o]);
            if (nodata || wsum[o] <= 0)
            {
                result.Classes[o] = 255;
                if (result.Confidence is not null) result.Confidence[o] = float.NaN;
                if (result.Entropy is not null) result.Entropy[o] = float.NaN;
                continue;
            }
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
        }
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
    }
}
