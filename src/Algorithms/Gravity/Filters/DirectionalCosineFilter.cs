using GisBridge.Algorithms.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Gravity;

/// <summary>
/// Directional cosine filter (as Geosoft MAGMAP's DCOS): the gain for a wavevector at angle theta from the strike
/// direction alpha is |sin(theta - alpha)|^n, which is 1 for features striking along alpha (their wavevectors are
/// perpendicular to the strike) and 0 for features across it; the reject form is 1 minus that. The mean (k = 0)
/// is kept in both forms.
/// </summary>
internal sealed class DirectionalCosineFilter(double strikeAzimuthDegrees, double exponent, bool reject, bool northUp, bool eastRight)
    : RadialFilter
{
    public override bool RestoresTrend => true;

    public override Tensor Response(Tensor k) => throw new InvalidOperationException("a directional filter needs kx and ky");

    public override Tensor Response(Tensor kyColumn, Tensor kxRow)
    {
        using var scope = torch.NewDisposeScope();
        // Rows run south on a north-up grid and columns east on an east-right one.
        var north = northUp ? -kyColumn : kyColumn;
        var east = eastRight ? kxRow : -kxRow;
        double a = strikeAzimuthDegrees * Math.PI / 180;
        // |k x s| / |k| with the strike s = (sin a, cos a) in (east, north).
        var cross = (east.Times(Math.Cos(a)) - north.Times(Math.Sin(a))).abs_();
        var k = north.Squared().Plus(east.Squared()).sqrt_();
        var pass = (cross / k.AtLeast(1e-30)).ClampInPlace(0, 1).PowerInPlace(exponent);
        var gain = reject ? pass.SubtractedFrom(1) : pass;
        return torch.where(k.EqualTo(0), torch.ones_like(gain), gain).MoveToOuterDisposeScope();
    }

    /// <summary>Gain for a wavevector of azimuth <paramref name="azimuthDegrees"/> (clockwise from north), double precision.</summary>
    public double Gain(double azimuthDegrees)
    {
        double pass = Math.Pow(Math.Abs(Math.Sin((azimuthDegrees - strikeAzimuthDegrees) * Math.PI / 180)), exponent);
        return reject ? 1 - pass : pass;
    }
}
