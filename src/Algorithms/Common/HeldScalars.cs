using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Common;

/// <summary>
/// Tensor arithmetic with numbers whose Scalars live until libtorch has returned. TorchSharp 0.107 turns a number
/// passed where it takes a Scalar (and the alpha of its tensor + tensor) into a temporary that nothing keeps alive
/// during the native call, so a collection started by another thread can free it while libtorch reads it (a crash,
/// "Expected false to be true" in c10::Scalar::toFloat). <c>TemporaryScalarTests</c> keeps the rest of the assembly
/// off those calls; here every Scalar is held in a <c>using</c> that ends after the call, or is a static one.
/// </summary>
public static class HeldScalars
{
    /// <summary>Static, so never collected: the alpha of every addition here.</summary>
    private static readonly Scalar One = 1.ToScalar();

    private static Tensor Held(double v, Func<Scalar, Tensor> call)
    {
        using var s = v.ToScalar();
        return call(s);
    }

    private static Tensor Held(long v, Func<Scalar, Tensor> call)
    {
        using var s = v.ToScalar();
        return call(s);
    }

    private static Tensor Held(double first, double second, Func<Scalar, Scalar, Tensor> call)
    {
        using var a = first.ToScalar();
        using var b = second.ToScalar();
        return call(a, b);
    }

    private static Tensor Held(long first, long second, Func<Scalar, Scalar, Tensor> call)
    {
        using var a = first.ToScalar();
        using var b = second.ToScalar();
        return call(a, b);
    }

    /// <summary>a + b.</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, One);
    /// <summary>a += b.</summary>
    public static Tensor PlusInPlace(this Tensor a, Tensor b) => a.add_(b, One);
    /// <summary>a + alpha · b.</summary>
    public static Tensor PlusScaled(this Tensor a, Tensor b, double alpha) => Held(alpha, s => a.add(b, s));
    /// <summary>a += alpha · b.</summary>
    public static Tensor PlusScaledInPlace(this Tensor a, Tensor b, double alpha) => Held(alpha, s => a.add_(b, s));
    /// <summary>a += 1 (integer, so it keeps an integer tensor's type).</summary>
    public static Tensor Increment(this Tensor a) => a.add_(One, One);
    /// <summary>a + v.</summary>
    public static Tensor Plus(this Tensor a, double v) => Held(v, s => a.add(s, One));
    /// <summary>a += v.</summary>
    public static Tensor PlusInPlace(this Tensor a, double v) => Held(v, s => a.add_(s, One));
    /// <summary>a - v.</summary>
    public static Tensor Minus(this Tensor a, double v) => Held(v, s => a.sub(s));
    /// <summary>a - v with an integer v, so an integer tensor stays integer.</summary>
    public static Tensor Minus(this Tensor a, long v) => Held(v, s => a.sub(s));
    /// <summary>v - a.</summary>
    public static Tensor SubtractedFrom(this Tensor a, double from)
    {
        using var negated = a.neg();
        return Held(from, s => negated.add(s, One));
    }
    /// <summary>a · v.</summary>
    public static Tensor Times(this Tensor a, double v) => Held(v, s => a.mul(s));
    /// <summary>a ·= v.</summary>
    public static Tensor TimesInPlace(this Tensor a, double v) => Held(v, s => a.mul_(s));
    /// <summary>a / v.</summary>
    public static Tensor DividedBy(this Tensor a, double v) => Held(v, s => a.div(s));
    /// <summary>floor(a / v).</summary>
    public static Tensor FloorDividedBy(this Tensor a, long v) => Held(v, s => a.div(s, RoundingMode.floor));
    /// <summary>a mod v (the sign of v, as Python's %).</summary>
    public static Tensor Remainder(this Tensor a, long v) => Held(v, s => a.remainder(s));
    /// <summary>a · a (what Tensor.square computes, without its pow(2) Scalar).</summary>
    public static Tensor Squared(this Tensor a) => a.mul(a);
    /// <summary>a = a ^ e.</summary>
    public static Tensor PowerInPlace(this Tensor a, double e) => Held(e, s => a.pow_(s));
    /// <summary>max(a, v).</summary>
    public static Tensor AtLeast(this Tensor a, double v) => Held(v, s => a.clamp_min(s));
    /// <summary>a = max(a, v).</summary>
    public static Tensor AtLeastInPlace(this Tensor a, double v) => Held(v, s => a.clamp_min_(s));
    /// <summary>min(max(a, lo), hi).</summary>
    public static Tensor Clamped(this Tensor a, double lo, double hi) => Held(lo, hi, (l, h) => a.clamp(l, h));
    /// <summary>min(max(a, lo), hi) with integer bounds, so an integer tensor stays integer.</summary>
    public static Tensor Clamped(this Tensor a, long lo, long hi) => Held(lo, hi, (l, h) => a.clamp(l, h));
    /// <summary>a = min(max(a, lo), hi).</summary>
    public static Tensor ClampInPlace(this Tensor a, double lo, double hi) => Held(lo, hi, (l, h) => a.clamp_(l, h));
    /// <summary>a += value · t1 · t2.</summary>
    public static Tensor PlusProductInPlace(this Tensor a, Tensor t1, Tensor t2, double value) => Held(value, s => a.addcmul_(t1, t2, s));
    /// <summary>a += value · t1 / t2.</summary>
    public static Tensor PlusQuotientInPlace(this Tensor a, Tensor t1, Tensor t2, double value) => Held(value, s => a.addcdiv_(t1, t2, s));
    /// <summary>a[index[i]] += source[i] along <paramref name="dim"/>.</summary>
    public static Tensor IndexPlusInPlace(this Tensor a, long dim, Tensor index, Tensor source) => a.index_add_(dim, index, source, One);
    /// <summary>a == v, element-wise.</summary>
    public static Tensor EqualTo(this Tensor a, double v) => Held(v, s => a.eq(s));
    /// <summary>a != v, element-wise.</summary>
    public static Tensor NotEqualTo(this Tensor a, double v) => Held(v, s => a.ne(s));
    /// <summary>a != v with an integer v, compared as integers (labels, indices).</summary>
    public static Tensor NotEqualTo(this Tensor a, long v) => Held(v, s => a.ne(s));
    /// <summary>a &lt; v, element-wise.</summary>
    public static Tensor LessThan(this Tensor a, double v) => Held(v, s => a.lt(s));
    /// <summary>a &gt;= v, element-wise.</summary>
    public static Tensor AtLeastMask(this Tensor a, double v) => Held(v, s => a.ge(s));
    /// <summary>A tensor shaped, typed and placed like <paramref name="like"/>, every element <paramref name="value"/>.</summary>
    public static Tensor FullLike(Tensor like, double value) => Held(value, s => torch.full_like(like, s));
    /// <summary>0, 1, ..., count - 1.</summary>
    public static Tensor Range(long count, ScalarType dtype, Device? device = null) =>
        Held(0, count, (start, stop) => torch.arange(start, stop, One, dtype, device));
}
