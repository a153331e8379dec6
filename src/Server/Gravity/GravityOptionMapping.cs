using GisBridge.Algorithms.Gravity;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Gravity;

/// <summary>Maps the protocol's FFT options onto the algorithm's (0 / unspecified = server default).</summary>
internal static class GravityOptionMapping
{
    public static FftOptions Fft(Proto.FftOptions? fft)
    {
        var o = new FftOptions();
        if (fft is null) return o;
        if (fft.PadFraction != 0) o = o with { PadFraction = fft.PadFraction };
        return fft.Padding switch
        {
            Proto.PaddingMode.Unspecified => o,
            Proto.PaddingMode.Mirror => o with { Padding = PaddingMode.Mirror },
            Proto.PaddingMode.EdgeSymmetric => o with { Padding = PaddingMode.EdgeSymmetric },
            Proto.PaddingMode.SoftMirror => o with { Padding = PaddingMode.SoftMirror },
            Proto.PaddingMode.Edge => o with { Padding = PaddingMode.Edge },
            Proto.PaddingMode.Zero => o with { Padding = PaddingMode.Zero },
            Proto.PaddingMode.MaxEntropy => o with { Padding = PaddingMode.MaxEntropy },
            _ => throw new Jobs.JobInputException("fft.padding", $"unknown padding mode {(int)fft.Padding}"),
        };
    }
}
