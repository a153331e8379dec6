using GisBridge.Algorithms.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Gravity;

/// <summary>
/// A band-pass in wavelengths as GMT grdfft -F builds it: a low-pass L(k; lambda) of the chosen shape; the
/// high-pass is its complement 1 - L(k; lambda_long) and the band-pass L(k; lambda_short) - L(k; lambda_long).
/// Complements (rather than mirrored shapes) make the low- and high-pass with the same cut-off sum to the input,
/// which is the regional/residual split a geologist expects. The cosine roll-offs do not overlap when the cut-offs
/// are far enough apart, and the difference is then the product GMT uses.
/// </summary>
internal sealed class WavelengthFilter : RadialFilter
{
    private readonly BandPassOptions _o;
    private readonly double _kLong, _kShort; // cut-off wavenumbers (rad/m), 0 = none

    public WavelengthFilter(BandPassOptions options)
    {
        _o = options;
        _kLong = options.LongCutoffKm > 0 ? 2 * Math.PI / (options.LongCutoffKm * 1000) : 0;
        _kShort = options.ShortCutoffKm > 0 ? 2 * Math.PI / (options.ShortCutoffKm * 1000) : 0;
    }

    /// <summary>A low-pass keeps the mean and a plane (gain 1 at k = 0); a high- or band-pass removes them.</summary>
    public override bool RestoresTrend => _kLong == 0;

    public override Tensor Response(Tensor k)
    {
        using var scope = torch.NewDisposeScope();
        var pass = _kShort > 0 ? LowPass(k, _kShort) : torch.ones_like(k);
        if (_kLong > 0) pass = pass - LowPass(k, _kLong);
        return pass.MoveToOuterDisposeScope();
    }

    /// <summary>Gain of the chosen shape's low-pass at wavenumber k (rad/m), in double precision (for tests and reports).</summary>
    public double Gain(double k)
    {
        double pass = _kShort > 0 ? LowPass(k, _kShort) : 1;
        return _kLong > 0 ? pass - LowPass(k, _kLong) : pass;
    }

    private Tensor LowPass(Tensor k, double kc) => _o.Shape switch
    {
        // exp(-ln2 (k / kc)^2)
        BandPassShape.Gaussian => k.DividedBy(kc).PowerInPlace(2).TimesInPlace(-Math.Log(2)).exp_(),
        // 1 / sqrt(1 + (k / kc)^(2N))
        BandPassShape.Butterworth => k.DividedBy(kc).PowerInPlace(2 * _o.Order).PlusInPlace(1).rsqrt_(),
        // 1 below kc (1 - w/2), 0 above kc (1 + w/2), half cosine between (linear in k, as GMT)
        _ => CosineLowPass(k, kc),
    };

    private Tensor CosineLowPass(Tensor k, double kc)
    {
        double kPass = kc * (1 - _o.Rolloff / 2), kCut = kc * (1 + _o.Rolloff / 2);
        var t = k.Minus(kPass).DividedBy(kCut - kPass).ClampInPlace(0, 1);
        return t.TimesInPlace(Math.PI).cos_().PlusInPlace(1).TimesInPlace(0.5);
    }

    private double LowPass(double k, double kc)
    {
        switch (_o.Shape)
        {
            case BandPassShape.Gaussian: return Math.Exp(-Math.Log(2) * (k / kc) * (k / kc));
            case BandPassShape.Butterworth: return 1 / Math.Sqrt(1 + Math.Pow(k / kc, 2 * _o.Order));
            default:
                double kPass = kc * (1 - _o.Rolloff / 2), kCut = kc * (1 + _o.Rolloff / 2);
                double t = Math.Clamp((k - kPass) / (kCut - kPass), 0, 1);
                return 0.5 * (1 + Math.Cos(Math.PI * t));
        }
    }
}
