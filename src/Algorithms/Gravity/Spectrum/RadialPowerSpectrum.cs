using GisBridge.Algorithms.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Gravity.Spectrum;

/// <summary>One radial bin: wavenumber (rad/km) of its centre, total power (GMT's -Er), and the number of FFT
/// samples in it.</summary>
public readonly record struct SpectrumBin(double RadPerKm, double Power, long Count)
{
    public double WavelengthKm => 2 * Math.PI / RadPerKm;

    /// <summary>Mean power per sample (GMT's -Er+n): the radially averaged spectrum that the depth method fits (the
    /// total grows with the annulus, i.e. with k).</summary>
    public double MeanPower => Power / Count;

    public double LnPower => Math.Log(MeanPower);
}

/// <summary>The radially averaged spectrum, its straight-line fits, and the separation height they suggest.</summary>
public sealed record RadialSpectrumResult(
    IReadOnlyList<SpectrumBin> Bins,
    IReadOnlyList<SpectrumSegment> Segments,
    SeparationSuggestion? Separation,
    int PaddedWidth,
    int PaddedHeight,
    double DxMetres,
    double DyMetres,
    int FilledNodataCells,
    IReadOnlyList<string> Warnings);

/// <summary>
/// Radially averaged power spectrum of a grid, defined as GMT's `grdfft -Er` (total and, with +n, mean power per bin): the grid is
/// detrended, holes filled and padded as for the filters, transformed (float64), and |F(k)|^2 / N^2 (N the padded
/// cell count) is summed over annuli of width dk = the smaller of the two fundamental wavenumbers; bin i holds the
/// samples whose |k| / dk rounds to i + 1 (the first also those rounding to 0, less the mean) and is reported at
/// k = (i + 1) dk, up to the Nyquist wavenumber of the coarser direction. Lon/lat grids use the cell size at the
/// mid latitude (GMT's -fg flat-Earth approximation), which is all a spectrum of a regional grid needs.
/// Straight segments of ln P against k give depths (see <see cref="SpectrumDepthFit"/>).
/// </summary>
public static class RadialPowerSpectrum
{
    public static RadialSpectrumResult Run(RasterGrid input, RadialSpectrumOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        SpectrumDepthFit.Check(options);
        var warnings = new List<string>();
        var metric = GridValidation.Validate(input, options.Band, options.Fft, warnings);
        var (dx, dy) = metric.Geographic is { } geo
            ? geo.SpacingAt((geo.MinLatitude + geo.MaxLatitude) / 2)
            : (metric.DxMetres, metric.DyMetres);
        var (padded, layout, filled) = Padded(input.Bands[options.Band], input.Width, input.Height, metric, options.Fft);
        ct.ThrowIfCancellationRequested();
        var bins = Bins(padded, layout, dx, dy);
        ct.ThrowIfCancellationRequested();
        if (bins.Count < 2)
            throw new ArgumentException($"the grid gives only {bins.Count} spectrum bin(s); a depth estimate needs a larger grid");
        var segments = SpectrumDepthFit.Fit(bins, options, warnings);
        return new RadialSpectrumResult(bins, segments, SpectrumDepthFit.Separation(segments), layout.PaddedWidth,
            layout.PaddedHeight, dx, dy, filled, warnings);
    }

    /// <summary>The detrended, hole-filled, padded and tapered grid, row-major PaddedHeight x PaddedWidth.</summary>
    private static (double[] Padded, PaddedLayout Layout, int Filled) Padded(float[] values, int width, int height,
        GridMetric metric, FftOptions fft)
    {
        var layout = GridPadding.Layout(width, height, fft.PadFraction, metric.WrapsLongitude);
        var trend = GridTrend.Fit(values, width, height, fft.Detrend);
        var detrended = new float[values.Length];
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++)
                detrended[r * width + c] = (float)(values[r * width + c] - trend.At(c, r));
        int filled = detrended.Any(float.IsNaN) ? NanFill.Fill(detrended, 0, width, width, height) : 0;
        var (alongX, alongY) = fft.Padding == PaddingMode.MaxEntropy
            ? BurgPrediction.Fit(detrended, width, height, new GridTrend(0, 0, 0), fft.PredictorOrder) : (null, null);
        var columns = GridPadding.ColumnSources(layout, fft, alongX);
        var rows = GridPadding.RowSources(layout, fft, alongY);
        int pw = layout.PaddedWidth, ph = layout.PaddedHeight;
        // Rows along x first, then the padded rows as the same one- or two-term combinations of those.
        var wide = new double[(long)height * pw];
        ParallelRanges.For(height, 16, (first, end) =>
        {
            for (int r = first; r < end; r++)
                for (int c = 0; c < pw; c++)
                {
                    wide[(long)r * pw + c] = columns[c].Apply(detrended.AsSpan(r * width, width));
                }
        });
        var padded = new double[(long)ph * pw];
        ParallelRanges.For(ph, 16, (first, end) =>
        {
            for (int pr = first; pr < end; pr++)
            {
                var p = rows[pr];
                for (int c = 0; c < pw; c++)
                {
                    double v = p.W1 * wide[(long)p.S1 * pw + c] + p.W2 * wide[(long)p.S2 * pw + c];
                    if (p.Terms is { } t)
                        for (int i = 0; i < t.Length; i++) v += t[i] * wide[(long)(p.TermStart + i) * pw + c];
                    padded[(long)pr * pw + c] = v;
                }
            }
        });
        return (padded, layout, filled);
    }

    private static List<SpectrumBin> Bins(double[] padded, PaddedLayout l, double dx, double dy)
    {
        int pw = l.PaddedWidth, ph = l.PaddedHeight;
        double dkx = 2 * Math.PI / (pw * dx), dky = 2 * Math.PI / (ph * dy);
        double dk = Math.Min(dkx, dky);
        int nk = dkx < dky ? pw / 2 : ph / 2;
        using var scope = torch.NewDisposeScope();
        var grid = torch.tensor(padded, ph, pw, dtype: ScalarType.Float64);
        var spectrum = torch.fft.rfft2(grid);
        var power = torch.view_as_real(spectrum).Squared().sum(-1);
        // The half spectrum holds each column j of 1 .. (pw - 1) / 2 for itself and for -j.
        var columnWeight = new double[pw / 2 + 1];
        for (int j = 0; j < columnWeight.Length; j++) columnWeight[j] = j == 0 || 2 * j == pw ? 1 : 2;
        var kx = new double[pw / 2 + 1];
        for (int j = 0; j < kx.Length; j++) kx[j] = j * dkx;
        var ky = new double[ph];
        for (int i = 0; i < ph; i++) ky[i] = (i <= ph / 2 ? i : i - ph) * dky;
        var k = torch.tensor(ky).unsqueeze(1).Squared().Plus(torch.tensor(kx).unsqueeze(0).Squared()).sqrt();
        var index = k.DividedBy(dk).round().to(ScalarType.Int64).Minus(1).Clamped(0, nk);
        index[0, 0] = torch.tensor((long)nk); // the mean is not a wavenumber
        var weighted = power * torch.tensor(columnWeight).unsqueeze(0);
        var sums = torch.zeros(nk + 1, dtype: ScalarType.Float64).IndexPlusInPlace(0, index.flatten(), weighted.flatten());
        var counts = torch.zeros(nk + 1, dtype: ScalarType.Float64).IndexPlusInPlace(0, index.flatten(),
            torch.tensor(columnWeight).unsqueeze(0).expand(ph, -1).flatten());
        var s = sums.data<double>().ToArray();
        var n = counts.data<double>().ToArray();
        double norm = 1.0 / ((double)pw * ph * (double)pw * ph);
        var bins = new List<SpectrumBin>(nk);
        for (int i = 0; i < nk; i++)
            if (n[i] > 0) bins.Add(new SpectrumBin((i + 1) * dk * 1000, s[i] * norm, (long)n[i]));
        return bins;
    }
}
