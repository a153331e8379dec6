using GisBridge.Algorithms.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Gravity;

/// <summary>
/// The y half of the 2-D transform, on a spectrum that stores only the data rows' x transforms: each column block
/// is padded on the fly (the padding is separable and linear, so a pad row's x transform is the same weighted
/// combination of one or two data rows' transforms), transformed along y, scaled by the filter's response, transformed back, and only its data
/// rows are written to the target (the inverse x transform needs no others). The padded spectrum never exists
/// whole: with a 25 % pad it would be half as large again (525 MB instead of 350 MB for 10800 x 5400).
/// </summary>
internal sealed class PaddedColumns : IDisposable
{
    private const long BlockElements = 1 << 21;   // complex values per padded block (16 MB)
    private readonly PaddedLayout _layout;
    private readonly Tensor _sourceRow;   // padded row -> first data row
    private readonly Tensor? _weight;     // padded row -> its weight, shaped [rows, 1, 1] for (re, im) pairs; null if all 1
    private readonly Tensor? _secondRow;  // padded row -> second data row (edge-point symmetry); null if none has one
    private readonly Tensor? _secondWeight;

    private readonly Tensor? _topTerms;    // maximum-entropy extension: [Top, m] weights over the first m data rows
    private readonly Tensor? _bottomTerms; // [Bottom, m] over the last m data rows
    private readonly int _terms;

    public PaddedColumns(PaddedLayout layout, PadSource[] sources, Device device)
    {
        _layout = layout;
        int ph = layout.PaddedHeight;
        _terms = sources.Select(p => p.Terms?.Length ?? 0).Max();
        if (_terms > 0)
        {
            _topTerms = TermMatrix(sources, 0, layout.Top, device);
            _bottomTerms = TermMatrix(sources, layout.Top + layout.Height, layout.Bottom, device);
        }
        var weight = Array.ConvertAll(sources, p => p.W1);
        _sourceRow = torch.tensor(Array.ConvertAll(sources, p => (long)p.S1), device: device);
        _weight = Array.TrueForAll(weight, w => w == 1f) ? null : torch.tensor(weight, device: device).view(ph, 1, 1);
        if (Array.TrueForAll(sources, p => p.W2 == 0f)) return;
        _secondRow = torch.tensor(Array.ConvertAll(sources, p => (long)p.S2), device: device);
        _secondWeight = torch.tensor(Array.ConvertAll(sources, p => p.W2), device: device).view(ph, 1, 1);
    }

    private Tensor TermMatrix(PadSource[] sources, int first, int count, Device device)
    {
        var w = new double[count * _terms];
        for (int i = 0; i < count; i++)
            if (sources[first + i].Terms is { } t) t.CopyTo(w, i * _terms);
        return torch.tensor(w, device: device).view(count, _terms);  // float64: see PadSource.Apply
    }

    /// <summary>target[:, block] = data rows of inverse-y-FFT(response(|k|) * forward-y-FFT(padded spectrum[:, block])),
    /// block by block; <paramref name="target"/> may be <paramref name="spectrum"/> itself.</summary>
    public void FilterAndInvert(Tensor spectrum, Tensor target, RadialFilter filter, double dx, double dy, CancellationToken ct)
    {
        var l = _layout;
        var kx = Wavenumbers.Columns(l.PaddedWidth, dx);
        var ky = Wavenumbers.Rows(l.PaddedHeight, dy);
        using var kyColumn = torch.tensor(ky, device: spectrum.device).unsqueeze_(1);
        long cols = spectrum.shape[1];
        int block = (int)Math.Max(1, BlockElements / l.PaddedHeight);
        for (long c0 = 0; c0 < cols; c0 += block)
        {
            ct.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            long n = Math.Min(block, cols - c0);
            var kxRow = torch.tensor(kx.AsSpan((int)c0, (int)n).ToArray(), device: spectrum.device).unsqueeze_(0);
            var response = filter.Response(kyColumn, kxRow);
            var padded = spectrum.narrow(1, c0, n).index_select(0, _sourceRow);
            if (_weight is not null) torch.view_as_real(padded).mul_(_weight);
            if (_secondRow is not null)
            {
                var second = spectrum.narrow(1, c0, n).index_select(0, _secondRow);
                torch.view_as_real(padded).PlusInPlace(torch.view_as_real(second).mul_(_secondWeight!));
            }
            if (_terms > 0)
            {
                // Pad rows = weights x the edge rows' transforms (real weights on (re, im) pairs).
                // In float64, as in PadSource.Apply: the weights cancel each other by orders of magnitude.
                var head = torch.view_as_real(spectrum.narrow(1, c0, n).narrow(0, 0, _terms)).reshape(_terms, -1).to(ScalarType.Float64);
                var tail = torch.view_as_real(spectrum.narrow(1, c0, n).narrow(0, l.Height - _terms, _terms)).reshape(_terms, -1).to(ScalarType.Float64);
                torch.view_as_real(padded.narrow(0, 0, l.Top)).PlusInPlace(_topTerms!.matmul(head).to(ScalarType.Float32).view(l.Top, n, 2));
                torch.view_as_real(padded.narrow(0, l.Top + l.Height, l.Bottom)).PlusInPlace(_bottomTerms!.matmul(tail).to(ScalarType.Float32).view(l.Bottom, n, 2));
            }
            var transformed = torch.fft.fft_(padded, dim: 0); // TorchSharp names the 1-D FFT fft_ (fft is the class)
            // The response is real: scaling the (re, im) pairs avoids promoting it to a complex tensor first.
            torch.view_as_real(transformed).mul_(response.unsqueeze(-1));
            var back = torch.fft.ifft(transformed, dim: 0);
            target.narrow(1, c0, n).copy_(back.narrow(0, l.Top, l.Height));
        }
    }

    public void Dispose()
    {
        _sourceRow.Dispose();
        _weight?.Dispose();
        _secondRow?.Dispose();
        _secondWeight?.Dispose();
        _topTerms?.Dispose();
        _bottomTerms?.Dispose();
    }
}
