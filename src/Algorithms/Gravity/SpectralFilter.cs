using System.Runtime.InteropServices;
using GisBridge.Algorithms.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Gravity;

/// <summary>
/// The FFT engine shared by continuation and the vertical derivative: detrend, fill holes, pad and taper, one
/// forward real FFT (float32, TorchSharp), then for each radial filter (and, on geographic grids, each latitude
/// node) filter and invert, crop, add the trend back when the filter keeps it, and mask the nodata cells again.
/// Memory: the padded array and its half spectrum are the only full-size temporaries (plus one copy of the
/// spectrum while more than one pass remains); the spectrum is filtered in place in row chunks.
/// </summary>
internal static class SpectralFilter
{
    /// <summary>Outputs, one width x height array per filter, NaN where <paramref name="values"/> is NaN.</summary>
    public static float[][] Apply(float[] values, int width, int height, GridMetric metric, FftOptions fft,
        IReadOnlyList<RadialFilter> filters, IProgress<(double Fraction, string Stage)>? progress, CancellationToken ct,
        out SpectralRunInfo info)
    {
        var device = TorchRuntime.ResolveDevice(fft.Device);
        var layout = GridPadding.Layout(width, height, fft.PadFraction, metric.WrapsLongitude);
        var trend = GridTrend.Fit(values, width, height, fft.Detrend);
        var (nodes, rowWeights) = LatitudeNodes(metric, fft);
        info = new SpectralRunInfo(layout, nodes.Length);

        ct.ThrowIfCancellationRequested();
        progress?.Report((0.0, "padding and filling nodata"));
        Tensor spectrum;
        (double, double, double) moments;
        using (var padded = BuildPadded(values, layout, trend, fft, out int filled))
        {
            moments = PeriodicImageCorrection.Moments(MemoryMarshal.Cast<byte, float>(padded.bytes), layout);
            info = info with { FilledCells = filled };
            ct.ThrowIfCancellationRequested();
            progress?.Report((0.15, "forward FFT"));
            using var onDevice = padded.to(device);
            spectrum = torch.fft.rfft2(onDevice);
        }

        var outputs = new float[filters.Count][];
        int passes = filters.Count * nodes.Length, pass = 0;
        try
        {
            for (int f = 0; f < filters.Count; f++)
            {
                outputs[f] = new float[(long)width * height];
                for (int j = 0; j < nodes.Length; j++, pass++)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Report((0.3 + 0.65 * pass / passes, $"filter {f + 1}/{filters.Count}" +
                        (nodes.Length > 1 ? $", latitude node {j + 1}/{nodes.Length}" : "")));
                    bool last = pass == passes - 1;
                    var work = last ? spectrum : spectrum.clone();
                    var (dx, dy) = metric.IsGeographic ? metric.Geographic!.SpacingAt(nodes[j]) : (metric.DxMetres, metric.DyMetres);
                    MultiplyInPlace(work, filters[f], dx, dy, layout);
                    using (var real = torch.fft.irfft2(work, s: [layout.PaddedHeight, layout.PaddedWidth]))
                    {
                        work.Dispose();
                        using var cpu = real.device_type == DeviceType.CPU ? real.alias() : real.cpu();
                        var images = fft.RemovePeriodicImages ? PeriodicImageCorrection.Create(filters[f], moments, layout, dx, dy) : null;
                        Accumulate(outputs[f], cpu, layout, rowWeights, j, images);
                    }
                }
            }
        }
        finally
        {
            spectrum.Dispose();
        }
        ct.ThrowIfCancellationRequested();
        progress?.Report((0.95, "restoring trend and nodata mask"));
        for (int f = 0; f < filters.Count; f++)
            Finish(outputs[f], values, width, height, filters[f].RestoresTrend ? trend : (GridTrend?)null);
        progress?.Report((1.0, "done"));
        return outputs;
    }

    private static (double[] Nodes, double[][]? RowWeights) LatitudeNodes(GridMetric metric, FftOptions fft)
    {
        if (metric.Geographic is not { } geo) return ([double.NaN], null);
        int k = fft.LatitudeNodes ?? geo.AutomaticNodeCount();
        var nodes = geo.Nodes(k);
        return (nodes, geo.RowWeights(nodes));
    }

    private static Tensor BuildPadded(float[] values, PaddedLayout l, GridTrend trend, FftOptions fft, out int filled)
    {
        var padded = torch.empty(l.PaddedHeight, l.PaddedWidth, dtype: ScalarType.Float32);
        try
        {
            var buffer = MemoryMarshal.Cast<byte, float>(padded.bytes);
            bool anyNan = false;
            for (int r = 0; r < l.Height; r++)
            {
                var dst = buffer.Slice((r + l.Top) * l.PaddedWidth + l.Left, l.Width);
                var src = values.AsSpan(r * l.Width, l.Width);
                for (int c = 0; c < src.Length; c++)
                {
                    float v = src[c];
                    anyNan |= float.IsNaN(v);
                    dst[c] = (float)(v - trend.At(c, r));
                }
            }
            filled = anyNan ? NanFill.Fill(buffer, l.Top * l.PaddedWidth + l.Left, l.PaddedWidth, l.Width, l.Height) : 0;
            GridPadding.Extend(buffer, l, fft.Padding, fft.Taper);
            return padded;
        }
        catch
        {
            padded.Dispose();
            throw;
        }
    }

    /// <summary>spectrum *= response(|k|), row chunk by row chunk so that |k| never exists at full size.</summary>
    private static void MultiplyInPlace(Tensor spectrum, RadialFilter filter, double dx, double dy, PaddedLayout l)
    {
        var kx = Wavenumbers.Columns(l.PaddedWidth, dx);
        var ky = Wavenumbers.Rows(l.PaddedHeight, dy);
        for (int j = 0; j < kx.Length; j++) kx[j] *= kx[j];
        for (int i = 0; i < ky.Length; i++) ky[i] *= ky[i];
        using var kx2 = torch.tensor(kx, device: spectrum.device).unsqueeze_(0);
        int rows = l.PaddedHeight, chunk = Math.Max(1, (1 << 22) / kx.Length);
        for (int start = 0; start < rows; start += chunk)
        {
            using var scope = torch.NewDisposeScope();
            int n = Math.Min(chunk, rows - start);
            var ky2 = torch.tensor(ky.AsSpan(start, n).ToArray(), device: spectrum.device).unsqueeze_(1);
            var k = (kx2 + ky2).sqrt_();
            var response = filter.Response(k);
            spectrum.narrow(0, start, n).mul_(response);
        }
    }

    private static void Accumulate(float[] output, Tensor real, PaddedLayout l, double[][]? rowWeights, int node,
        PeriodicImageCorrection? images)
    {
        var buffer = MemoryMarshal.Cast<byte, float>(real.bytes);
        for (int r = 0; r < l.Height; r++)
        {
            var src = buffer.Slice((r + l.Top) * l.PaddedWidth + l.Left, l.Width);
            var dst = output.AsSpan(r * l.Width, l.Width);
            float w = rowWeights is null ? 1f : (float)rowWeights[r][node];
            if (w == 0f) continue;
            if (images is null && rowWeights is null) { src.CopyTo(dst); continue; }
            for (int c = 0; c < dst.Length; c++)
                dst[c] += w * (float)(src[c] - (images?.At(c, r) ?? 0));
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
