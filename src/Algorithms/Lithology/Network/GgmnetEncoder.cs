using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Lithology.Network;

/// <summary>
/// Feature encoder (paper 4.1): three 3x3 stride-2 conv+BN+ReLU, giving features at 1/2, 1/4 and 1/8 resolution
/// (the last with 96 channels by default). The 1/2 and 1/4 features feed the decoder's long skips.
/// </summary>
public sealed class GgmnetEncoder : nn.Module<Tensor, Tensor[]>
{
    private readonly ConvBnRelu stage2;
    private readonly ConvBnRelu stage4;
    private readonly ConvBnRelu stage8;

    public GgmnetEncoder(long inChannels, IReadOnlyList<int> channels) : base(nameof(GgmnetEncoder))
    {
        if (channels.Count != 3 || channels.Any(c => c < 1))
            throw new ArgumentException($"encoder channels must be 3 positive widths, got [{string.Join(", ", channels)}]");
        stage2 = new ConvBnRelu(inChannels, channels[0], 3, 2);
        stage4 = new ConvBnRelu(channels[0], channels[1], 3, 2);
        stage8 = new ConvBnRelu(channels[1], channels[2], 3, 2);
        RegisterComponents();
    }

    /// <summary>Returns the 1/2, 1/4 and 1/8 features.</summary>
    public override Tensor[] forward(Tensor x)
    {
        var f2 = stage2.forward(x);
        var f4 = stage4.forward(f2);
        return [f2, f4, stage8.forward(f4)];
    }
}
