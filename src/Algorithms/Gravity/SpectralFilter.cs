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
/// Memory: the 2-D transform is done as 1-D transforms in blocks, so the half spectrum (padded height x
/// (padded width / 2 + 1) complex64, the size of the padded grid) is the only full-size temporary: padded rows are
/// generated block by block and transformed along x into it; the y transform, the filter and the inverse y transform
/// run on column blocks in place; the inverse x transform runs only on the rows that hold data and writes straight
/// into the output. With several passes (heights, latitude nodes) one more spectrum-sized buffer is used.
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

        progress?.Report((0.1, "forward FFT"));
        var spectrum = torch.empty(layout.PaddedHeight, layout.PaddedWidth / 2 + 1, dtype: ScalarType.ComplexFloat32, device: device);
        Tensor? work = null;
        var outputs = new float[filters.Count][];
        try
        {
            var moments = ForwardRows(spectrum, source, sourceTrend, layout, fft, ct);
            source = null;
            ForwardColumns(spectrum, ct);
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
                    FilterAndInvertColumns(spectrum, target, filters[f], dx, dy, layout, ct);
                    var images = fft.RemovePeriodicImages ? PeriodicImageCorrection.Create(filters[f], moments, layout, dx, dy) : null;
                    outputs[f] ??= new float[(long)width * height];
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

    private static bool ContainsNaN(float[] values)
    {
        foreach (float v in values) if (float.IsNaN(v)) return true;
        return false;
    }

    private static (double[] Nodes, double[][]? RowWeights) LatitudeNodes(GridMetric metric, FftOptions fft)
    {
        if (metric.Geographic is not { } geo) return ([double.NaN], null);
        int k = fft.LatitudeNodes ?? geo.AutomaticNodeCount();
        var nodes = geo.Nodes(k);
        return (nodes, geo.RowWeights(nodes));
    }

    /// <summary>Generates the padded, tapered rows block by block and transforms them along x into the spectrum.
    /// Returns the padded array's moments for the periodic-image correction.</summary>
    private static (double, double, double) ForwardRows(Tensor spectrum, float[] source, GridTrend trend, PaddedLayout l,
        FftOptions fft, CancellationToken ct)
    {
        int pw = l.PaddedWidth, ph = l.PaddedHeight;
        bool taper = fft.Taper == TaperMode.Cosine;
        var wx = taper ? GridPadding.TaperWeights(pw, l.Left, l.Width) : null;
        var wy = taper ? GridPadding.TaperWeights(ph, l.Top, l.Height) : null;
        var columnSource = new int[pw];
        for (int c = 0; c < pw; c++)
        {
            int dc = c - l.Left;
            columnSource[c] = dc >= 0 && dc < l.Width ? dc : fft.Padding == PaddingMode.Zero ? -1 : GridPadding.SourceIndex(dc, l.Width, fft.Padding);
        }
        double cc = (pw - 1) / 2.0, rc = (ph - 1) / 2.0, m0 = 0, mx = 0, my = 0;
        int block = (int)Math.Max(1, BlockElements / pw);
        for (int r0 = 0; r0 < ph; r0 += block)
        {
            ct.ThrowIfCancellationRequested();
            int n = Math.Min(block, ph - r0);
            using var rows = torch.empty(n, pw, dtype: ScalarType.Float32);
            var buffer = MemoryMarshal.Cast<byte, float>(rows.bytes);
            for (int i = 0; i < n; i++)
            {
                int pr = r0 + i, dr = pr - l.Top;
                var row = buffer.Slice(i * pw, pw);
                bool inData = dr >= 0 && dr < l.Height;
                if (!inData && fft.Padding == PaddingMode.Zero) { row.Clear(); continue; }
                int sr = inData ? dr : GridPadding.SourceIndex(dr, l.Height, fft.Padding);
                var src = source.AsSpan(sr * l.Width, l.Width);
                float fy = wy?[pr] ?? 1f;
                double s = 0, sx = 0;
                for (int c = 0; c < pw; c++)
                {
                    int sc = columnSource[c];
                    float v = sc < 0 ? 0f : (float)(src[sc] - trend.At(sc, sr));
                    if (wx is not null) v *= fy * wx[c];
                    row[c] = v;
                    s += v;
                    sx += v * (c - cc);
                }
                m0 += s; mx += sx; my += s * (pr - rc);
            }
            using var onDevice = rows.to(spectrum.device);
            using var transformed = torch.fft.rfft(onDevice, dim: 1);
            spectrum.narrow(0, r0, n).copy_(transformed);
        }
        return (m0, mx, my);
    }

    /// <summary>Completes the 2-D transform: FFT along y, in place, column block by column block.</summary>
    private static void ForwardColumns(Tensor spectrum, CancellationToken ct)
    {
        long rows = spectrum.shape[0], cols = spectrum.shape[1];
        int block = (int)Math.Max(1, BlockElements / 2 / rows);
        for (long c0 = 0; c0 < cols; c0 += block)
        {
            ct.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            long n = Math.Min(block, cols - c0);
            var view = spectrum.narrow(1, c0, n);
            view.copy_(torch.fft.fft_(view, dim: 0));
        }
    }

    /// <summary>target[:, block] = inverse-y-FFT(spectrum[:, block] * response(|k|)), block by block.</summary>
    private static void FilterAndInvertColumns(Tensor spectrum, Tensor target, RadialFilter filter, double dx, double dy,
        PaddedLayout l, CancellationToken ct)
    {
        var kx = Wavenumbers.Columns(l.PaddedWidth, dx);
        var ky = Wavenumbers.Rows(l.PaddedHeight, dy);
        for (int j = 0; j < kx.Length; j++) kx[j] *= kx[j];
        for (int i = 0; i < ky.Length; i++) ky[i] *= ky[i];
        using var ky2 = torch.tensor(ky, device: spectrum.device).unsqueeze_(1);
        long rows = spectrum.shape[0], cols = spectrum.shape[1];
        int block = (int)Math.Max(1, BlockElements / 2 / rows);
        for (long c0 = 0; c0 < cols; c0 += block)
        {
            ct.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            long n = Math.Min(block, cols - c0);
            var kx2 = torch.tensor(kx.AsSpan((int)c0, (int)n).ToArray(), device: spectrum.device).unsqueeze_(0);
            var response = filter.Response((ky2 + kx2).sqrt_());
            var filtered = spectrum.narrow(1, c0, n).mul(response);
            target.narrow(1, c0, n).copy_(torch.fft.ifft(filtered, dim: 0));
        }
    }

    /// <summary>Inverse FFT along x of the rows that hold data only, cropped into the output (weighted and summed
    /// over latitude nodes on geographic grids), minus the periodic-image bias.</summary>
    private static void InverseRows(Tensor target, float[] output, PaddedLayout l, double[][]? rowWeights, int node,
        PeriodicImageCorrection? images, CancellationToken ct)
    {
        int block = (int)Math.Max(1, BlockElements / l.PaddedWidth);
        for (int r0 = 0; r0 < l.Height; r0 += block)
        {
            ct.ThrowIfCancellationRequested();
            int n = Math.Min(block, l.Height - r0);
            using var real = torch.fft.irfft(target.narrow(0, l.Top + r0, n), n: l.PaddedWidth, dim: 1);
            using var cpu = real.device_type == DeviceType.CPU ? real.alias() : real.cpu();
            var buffer = MemoryMarshal.Cast<byte, float>(cpu.bytes);
            for (int i = 0; i < n; i++)
            {
                int r = r0 + i;
                var src = buffer.Slice(i * l.PaddedWidth + l.Left, l.Width);
                var dst = output.AsSpan(r * l.Width, l.Width);
                float w = rowWeights is null ? 1f : (float)rowWeights[r][node];
                if (w == 0f) continue;
                if (images is null && rowWeights is null) { src.CopyTo(dst); continue; }
                for (int c = 0; c < dst.Length; c++)
                    dst[c] += w * (float)(src[c] - (images?.At(c, r) ?? 0));
            }
        }
    }

    private static void Finish(float[] output, float[] values, int width, int height, GridTrend? trend)
    {
        for (int r = 0; r < height; r++)
        {
            for (int c = 0; c < width; c++)
            {
                long i = (long)r * width + c;
                if (float.IsNaN(values[i])) output[i] = float.NaN;
                else if (trend is { } t) output[i] = (float)(output[i] + t.At(c, r));
            }
        }
    }
}

/// <summary>What the engine did: padded size, latitude nodes used, nodata cells filled.</summary>
internal readonly record struct SpectralRunInfo(PaddedLayout Layout, int LatitudeNodes, int FilledCells = 0);
