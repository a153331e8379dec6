using System.Numerics;
using System.Runtime.InteropServices;
using GisBridge.Algorithms.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Gravity;

/// <summary>
/// The FFT engine shared by continuation and the vertical derivative: detrend, fill holes, pad and taper, one
/// forward real 2-D FFT (float32, TorchSharp), then for each radial filter (and, on geographic grids, each latitude
/// node) filter and invert, crop, remove the periodic images, add the trend back when the filter keeps it, and mask
/// the nodata cells again.
/// <para>
/// Memory: the 2-D transform is done as 1-D transforms in blocks, and only the data rows' x transforms are kept
/// (height x (padded width / 2 + 1) complex64): padded data rows are generated block by block and transformed along
/// x into it; <see cref="PaddedColumns"/> pads each column block on the fly (pad rows are scaled copies of data rows'
/// transforms), transforms it along y, filters, transforms back and keeps its data rows; the inverse x transform
/// writes straight into the output. With several passes (heights, latitude nodes) one more buffer of that size is
/// used, and each pass repeats the forward y transform of its blocks.
/// </para>
/// </summary>
internal static class SpectralFilter
{
    private const long BlockElements = 1 << 22;   // ~16-32 MB per block

    /// <summary>Outputs, one width x height array per filter, NaN where <paramref name="values"/> is NaN.</summary>
    public static float[][] Apply(float[] values, int width, int height, GridMetric metric, FftOptions fft,
        IReadOnlyList<RadialFilter> filters, IProgress<(double Fraction, string Stage)>? progress, CancellationToken ct,
        out SpectralRunInfo info)
    {
        var device = TorchRuntime.ResolveDevice(fft.Device);
        var layout = GridPadding.Layout(width, height, fft.PadFraction, metric.WrapsLongitude);
        var trend = GridTrend.Fit(values, width, height, fft.Detrend);
        var (nodes, rowWeights) = LatitudeNodes(metric, fft);

        ct.ThrowIfCancellationRequested();
        progress?.Report((0.0, "padding and filling nodata"));
        // Holes are filled on a detrended copy; without holes the padded rows come straight from the input.
        var source = values;
        var sourceTrend = trend;
        int filled = 0;
        if (ContainsNaN(values))
        {
            source = new float[values.Length];
            for (int r = 0; r < height; r++)
                for (int c = 0; c < width; c++)
                    source[r * width + c] = (float)(values[r * width + c] - trend.At(c, r));
            filled = NanFill.Fill(source, 0, width, width, height);
            sourceTrend = new GridTrend(0, 0, 0);
        }
        info = new SpectralRunInfo(layout, nodes.Length, filled);
        var predictors = fft.Padding == PaddingMode.MaxEntropy
            ? BurgPrediction.Fit(source, width, height, sourceTrend, fft.PredictorOrder) : ((double[]?)null, (double[]?)null);

        progress?.Report((0.1, "forward FFT"));
        // Only the data rows' x transforms are kept; PaddedColumns pads each column block on the fly.
        var spectrum = torch.empty(layout.Height, layout.PaddedWidth / 2 + 1, dtype: ScalarType.ComplexFloat32, device: device);
        Tensor? work = null;
        var outputs = new float[filters.Count][];
        using var columns = new PaddedColumns(layout, GridPadding.RowSources(layout, fft, predictors.Item2), device);
        try
        {
            var moments = ForwardRows(spectrum, source, sourceTrend, layout, fft, predictors, ct);
            source = null;
            int passes = filters.Count * nodes.Length, pass = 0;
            for (int f = 0; f < filters.Count; f++)
            {
                for (int j = 0; j < nodes.Length; j++, pass++)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Report((0.3 + 0.65 * pass / passes, $"filter {f + 1}/{filters.Count}" +
                        (nodes.Length > 1 ? $", latitude node {j + 1}/{nodes.Length}" : "")));
                    var (dx, dy) = metric.IsGeographic ? metric.Geographic!.SpacingAt(nodes[j]) : (metric.DxMetres, metric.DyMetres);
                    // The last pass may overwrite the spectrum; earlier ones write into a work copy.
                    var target = pass == passes - 1 ? spectrum : (work ??= torch.empty_like(spectrum));
                    columns.FilterAndInvert(spectrum, target, filters[f], dx, dy, ct);
                    // A grid that wraps in longitude is truly periodic in x: its images are the real Earth.
                    var images = fft.RemovePeriodicImages && !metric.WrapsLongitude
                        ? PeriodicImageCorrection.Create(filters[f], moments, layout, dx, dy) : null;
                    // Zeroed: summed over latitude nodes where the grid has them.
                    outputs[f] ??= new float[checked(width * height)];
                    InverseRows(target, outputs[f], layout, rowWeights, j, images, ct);
                }
            }
        }
        finally
        {
            work?.Dispose();
            spectrum.Dispose();
        }
        ct.ThrowIfCancellationRequested();
        progress?.Report((0.95, "restoring trend and nodata mask"));
        for (int f = 0; f < filters.Count; f++)
            Finish(outputs[f], values, width, height, filters[f].RestoresTrend ? trend : null);
        progress?.Report((1.0, "done"));
        return outputs;
    }

    private static bool ContainsNaN(float[] values) =>
        ParallelRanges.Map(values.Length, 1 << 20, (start, end) => HasNaN(values.AsSpan(start, end - start))).Any(b => b);

    private static bool HasNaN(ReadOnlySpan<float> span)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= span.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(span[i..]);
                if (!Vector.EqualsAll(v, v)) return true; // NaN is the only value not equal to itself
            }
        for (; i < span.Length; i++) if (float.IsNaN(span[i])) return true;
        return false;
    }

    private static (double[] Nodes, double[][]? RowWeights) LatitudeNodes(GridMetric metric, FftOptions fft)
    {
        if (metric.Geographic is not { } geo) return ([double.NaN], null);
        int k = fft.LatitudeNodes ?? geo.AutomaticNodeCount();
        var nodes = geo.Nodes(k);
        return (nodes, geo.RowWeights(nodes));
    }

    /// <summary>Generates the tapered data rows block by block and transforms them along x into the spectrum; the
    /// pad rows are combinations of those transforms, made later by PaddedColumns. Returns the padded array's
    /// moments for the periodic-image correction.</summary>
    /// <remarks>A pad row is one or two data rows times weights (the padding is separable and linear), so its x
    /// transform is the same combination of those rows' transforms: only the data rows need an FFT (2/3 of them with a 25 % pad).</remarks>
    private static unsafe (double, double, double) ForwardRows(Tensor spectrum, float[] source, GridTrend trend, PaddedLayout l,
        FftOptions fft, (double[]? AlongX, double[]? AlongY) predictors, CancellationToken ct)
    {
        int pw = l.PaddedWidth, ph = l.PaddedHeight;
        var columnSource = GridPadding.ColumnSources(l, fft, predictors.AlongX);
        double cc = (pw - 1) / 2.0, rc = (ph - 1) / 2.0;
        var rowSum = new double[l.Height];
        var rowSumX = new double[l.Height];
        int block = (int)Math.Max(1, BlockElements / pw);
        // One row buffer for all blocks: a fresh 16 MB allocation per block costs page faults.
        using var rows = torch.empty(Math.Min(block, l.Height), pw, dtype: ScalarType.Float32);
        nint rowsStart; // the tensor's native storage: it does not move
        fixed (byte* p = rows.bytes) rowsStart = (nint)p;
        for (int r0 = 0; r0 < l.Height; r0 += block)
        {
            ct.ThrowIfCancellationRequested();
            int n = Math.Min(block, l.Height - r0);
            // Rows are independent: generated on all cores (libtorch's transform of the block runs after).
            ParallelRanges.For(n, 16, (first, end) =>
            {
                var detrended = new float[l.Width];
                for (int i = first; i < end; i++)
                {
                    int dr = r0 + i;
                    var row = new Span<float>((float*)rowsStart + (long)i * pw, pw);
                    ReadOnlySpan<float> src = source.AsSpan(dr * l.Width, l.Width);
                    for (int c = 0; c < detrended.Length; c++) detrended[c] = (float)(src[c] - trend.At(c, dr));
                    double sum = 0, sumX = 0;
                    for (int c = 0; c < pw; c++)
                    {
                        var p = columnSource[c];
                        float v = p.W1 * detrended[p.S1];
                        if (p.W2 != 0f) v += p.W2 * detrended[p.S2];
                        if (p.Terms is not null) v = p.Apply(detrended);
                        row[c] = v;
                        sum += v;
                        sumX += v * (c - cc);
                    }
                    rowSum[dr] = sum; rowSumX[dr] = sumX;
                }
            });
            using var block2d = rows.narrow(0, 0, n);
            using var onDevice = block2d.to(spectrum.device);
            using var transformed = torch.fft.rfft(onDevice, dim: 1);
            using var destination = spectrum.narrow(0, r0, n);
            destination.copy_(transformed);
        }

        double m0 = 0, mx = 0, my = 0;
        var rowSource = GridPadding.RowSources(l, fft, predictors.AlongY);
        for (int pr = 0; pr < ph; pr++)
        {
            var p = rowSource[pr];
            double s = p.Apply(rowSum), sx = p.Apply(rowSumX);
            m0 += s; mx += sx; my += s * (pr - rc);
        }
        return (m0, mx, my);
    }

    /// <summary>Inverse FFT along x of the rows that hold data only, cropped into the output (weighted and summed
    /// over latitude nodes on geographic grids), minus the periodic-image bias.</summary>
    private static unsafe void InverseRows(Tensor target, float[] output, PaddedLayout l, double[][]? rowWeights, int node,
        PeriodicImageCorrection? images, CancellationToken ct)
    {
        int block = (int)Math.Max(1, BlockElements / l.PaddedWidth);
        for (int r0 = 0; r0 < l.Height; r0 += block)
        {
            ct.ThrowIfCancellationRequested();
            int n = Math.Min(block, l.Height - r0);
            using var real = torch.fft.irfft(target.narrow(0, r0, n), n: l.PaddedWidth, dim: 1);
            using var cpu = real.device_type == DeviceType.CPU ? real.alias() : real.cpu();
            nint start; // native storage of a contiguous tensor: it does not move
            fixed (byte* p = cpu.bytes) start = (nint)p;
            ParallelRanges.For(n, 16, (first, end) =>
            {
                var bias = new double[l.Width];
                for (int i = first; i < end; i++)
                {
                    int r = r0 + i;
                    var src = new ReadOnlySpan<float>((float*)start + (long)i * l.PaddedWidth + l.Left, l.Width);
                    var dst = output.AsSpan(r * l.Width, l.Width);
                    float w = rowWeights is null ? 1f : (float)rowWeights[r][node];
                    if (w == 0f) continue;
                    if (images is null && rowWeights is null) { src.CopyTo(dst); continue; }
                    if (images is null) bias.AsSpan().Clear();
                    else images.Row(r, bias);
                    if (rowWeights is null)
                    {
                        for (int c = 0; c < dst.Length; c++) dst[c] = (float)(src[c] - bias[c]);
                        continue;
                    }
                    for (int c = 0; c < dst.Length; c++)
                        dst[c] += w * (float)(src[c] - bias[c]);
                }
            });
        }
    }

    private static void Finish(float[] output, float[] values, int width, int height, GridTrend? trend) =>
        ParallelRanges.For(height, 64, (first, end) =>
        {
            for (int r = first; r < end; r++)
            {
                for (int c = 0; c < width; c++)
                {
                    long i = (long)r * width + c;
                    if (float.IsNaN(values[i])) output[i] = float.NaN;
                    else if (trend is { } t) output[i] = (float)(output[i] + t.At(c, r));
                }
            }
        });
}

/// <summary>What the engine did: padded size, latitude nodes used, nodata cells filled.</summary>
internal readonly record struct SpectralRunInfo(PaddedLayout Layout, int LatitudeNodes, int FilledCells = 0);
