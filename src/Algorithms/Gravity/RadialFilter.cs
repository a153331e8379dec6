using GisBridge.Algorithms.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Gravity;

/// <summary>
/// An isotropic wavenumber filter: a multiplier that depends only on |k| (rad/m). Continuation and the vertical
/// derivative are of this kind, so one FFT engine (<see cref="SpectralFilter"/>) serves them all.
/// </summary>
internal abstract class RadialFilter
{
    /// <summary>Whether the removed trend is added back to the output (true for continuation: a plane is
    /// harmonic and continues unchanged; false for derivatives).</summary>
    public abstract bool RestoresTrend { get; }

    /// <summary>The multiplier for the radial wavenumbers in <paramref name="k"/> (float32). May reuse k's
    /// storage; the caller disposes both.</summary>
    public abstract Tensor Response(Tensor k);

    /// <summary>The multiplier on the wavenumber grid (signed row wavenumbers as a column, signed column wavenumbers
    /// as a row, rad/m). Isotropic filters use |k| only; a directional filter overrides this.</summary>
    public virtual Tensor Response(Tensor kyColumn, Tensor kxRow) => Response(kyColumn.Squared().Plus(kxRow.Squared()).sqrt_());

    /// <summary>Whether the spatial kernel's far field is known (used to undo the FFT's periodic images).</summary>
    public virtual bool HasFarField => false;

    /// <summary>Spatial kernel K(r) (1/m^2) of the filter at distance r from a unit mass, far from it.</summary>
    public virtual double FarField(double r) => 0;

    /// <summary>dK/dr.</summary>
    public virtual double FarFieldSlope(double r) => 0;

    /// <summary>Integral of K over the plane outside a disc of the given radius.</summary>
    public virtual double FarFieldIntegralBeyond(double radius) => 0;

    /// <summary>Upward continuation by <paramref name="height"/> &gt; 0 metres: exp(-|k| h).</summary>
    public static RadialFilter Upward(double height) => new UpwardFilter(height);

    /// <summary>Tikhonov-stabilised downward continuation by depth = -height &gt; 0 metres.</summary>
    public static RadialFilter StabilisedDownward(double depth, double alpha) => new DownwardFilter(depth, alpha);

    /// <summary>First vertical derivative, positive downward (towards the sources): |k|.</summary>
    public static RadialFilter VerticalDerivative() => new VerticalDerivativeFilter();

    private sealed class UpwardFilter(double height) : RadialFilter
    {
        public override bool RestoresTrend => true;
        public override Tensor Response(Tensor k) => k.TimesInPlace(-height).exp_();

        // Poisson kernel of the half-space: K = h / (2 pi (r^2 + h^2)^(3/2)).
        public override bool HasFarField => true;
        public override double FarField(double r) => height / (2 * Math.PI * Math.Pow(r * r + height * height, 1.5));
        public override double FarFieldSlope(double r) => -3 * height * r / (2 * Math.PI * Math.Pow(r * r + height * height, 2.5));
        public override double FarFieldIntegralBeyond(double radius) => height / Math.Sqrt(radius * radius + height * height);
    }

    // u = g exp(-k d) / (exp(-2 k d) + alpha k^2) written as 1 / (exp(-k d) + alpha k^2 exp(k d)) so that large k
    // gives 1/inf = 0 in float32 instead of inf/inf.
    private sealed class DownwardFilter(double depth, double alpha) : RadialFilter
    {
        public override bool RestoresTrend => true;
        public override Tensor Response(Tensor k)
        {
            using var grow = k.Times(depth).exp_();
            using var decay = grow.reciprocal();
            var response = k.Squared().TimesInPlace(alpha);
            return response.mul_(grow).PlusInPlace(decay).reciprocal_();
        }
    }

    private sealed class VerticalDerivativeFilter : RadialFilter
    {
        public override bool RestoresTrend => false;
        public override Tensor Response(Tensor k) => k;

        // -dK/dh of the Poisson kernel at h -> 0, away from the origin: -1 / (2 pi r^3).
        public override bool HasFarField => true;
        public override double FarField(double r) => -1 / (2 * Math.PI * r * r * r);
        public override double FarFieldSlope(double r) => 3 / (2 * Math.PI * r * r * r * r);
        public override double FarFieldIntegralBeyond(double radius) => -1 / radius;
    }
}
