using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Lithology.Network;

/// <summary>k x k convolution (no bias: BN has one) + batch normalisation + optional ReLU; padding keeps the size
/// (divided by the stride, rounded up).</summary>
public sealed class ConvBnRelu : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly HeldScalarBatchNorm2d bn;
    private readonly bool relu;

    public ConvBnRelu(long inChannels, long outChannels, long kernel = 3, long stride = 1, bool relu = true)
        : base(nameof(ConvBnRelu))
    {
        conv = nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: kernel / 2, bias: false);
        bn = new HeldScalarBatchNorm2d(outChannels);
        this.relu = relu;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var y = bn.forward(conv.forward(x));
        return relu ? nn.functional.relu(y) : y;
    }
}
