using GisBridge.Algorithms.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Lithology.Network;

/// <summary>
/// One layer of a MRFEM branch: the genotype's operator, optionally with a residual connection
/// (out = ReLU(op(x) + shortcut(x)), shortcut = identity or 1x1 conv+BN when the width or stride changes).
/// "skip" is the identity (or the 1x1 projection when the width or stride changes) and takes no residual.
/// </summary>
public sealed class MrfemLayer : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> body;
    private readonly nn.Module<Tensor, Tensor> shortcut;
    private readonly bool residual;

    public MrfemLayer(string op, long inChannels, long outChannels, long stride, bool residual) : base(nameof(MrfemLayer))
    {
        bool isSkip = op == "skip";
        this.residual = residual && !isSkip;
        bool lastRelu = !this.residual;
        body = op switch
        {
            "conv" => new ConvBnRelu(inChannels, outChannels, 3, stride, lastRelu),
            "conv2" => nn.Sequential(new ConvBnRelu(inChannels, outChannels, 3, stride, true),
                new ConvBnRelu(outChannels, outChannels, 3, 1, lastRelu)),
            "zoomed_conv" => new ZoomedConv(inChannels, outChannels, stride, 1, lastRelu),
            "zoomed_conv2" => new ZoomedConv(inChannels, outChannels, stride, 2, lastRelu),
            "skip" => Projection(inChannels, outChannels, stride, relu: true),
            _ => throw new ArgumentException($"unknown MRFEM operator '{op}'", nameof(op)),
        };
        shortcut = this.residual ? Projection(inChannels, outChannels, stride, relu: false) : nn.Identity();
        RegisterComponents();
    }

    private static nn.Module<Tensor, Tensor> Projection(long inChannels, long outChannels, long stride, bool relu) =>
        inChannels == outChannels && stride == 1 ? nn.Identity() : new ConvBnRelu(inChannels, outChannels, 1, stride, relu);

    public override Tensor forward(Tensor x)
    {
        var y = body.forward(x);
        return residual ? nn.functional.relu(y.Plus(shortcut.forward(x))) : y;
    }
}
