using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Lithology.Network;

/// <summary>
/// Attention Refinement Module (Yu et al. 2018, BiSeNet): a 3x3 conv+BN+ReLU, then a channel attention vector from
/// global average pooling, a 1x1 convolution and a sigmoid, multiplied into the features. The attention 1x1 has a
/// bias and no BN so that a batch of one image trains (BN on 1x1 maps needs more than one value per channel).
/// </summary>
public sealed class AttentionRefinementModule : nn.Module<Tensor, Tensor>
{
    private readonly ConvBnRelu refine;
    private readonly Conv2d attention;

    public AttentionRefinementModule(long inChannels, long outChannels) : base(nameof(AttentionRefinementModule))
    {
        refine = new ConvBnRelu(inChannels, outChannels, 3);
        attention = nn.Conv2d(outChannels, outChannels, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var f = refine.forward(x);
        var a = nn.functional.sigmoid(attention.forward(nn.functional.adaptive_avg_pool2d(f, 1)));
        return f * a;
    }
}
