using GisBridge.Algorithms.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Lithology.Network;

/// <summary>
/// Feature Fusion Module (paper Fig. 3C, after BiSeNet): concatenate the branch features (all at 1/8), balance
/// their scales with batch normalisation, mix them with a 1x1 conv+BN+ReLU, then re-weight the channels with a
/// vector from global pooling and two 1x1 convolutions (sigmoid): out = f + f * w.
/// </summary>
public sealed class FeatureFusionModule : nn.Module<Tensor[], Tensor>
{
    private readonly HeldScalarBatchNorm2d balance;
    private readonly ConvBnRelu mix;
    private readonly Conv2d squeeze;
    private readonly Conv2d excite;
    private readonly bool reweight;

    /// <param name="reweight">False for the ablation without the attention re-weighting (plain concat + 1x1).</param>
    public FeatureFusionModule(long inChannels, long outChannels, bool reweight = true) : base(nameof(FeatureFusionModule))
    {
        balance = new HeldScalarBatchNorm2d(inChannels);
        mix = new ConvBnRelu(inChannels, outChannels, 1);
        long hidden = Math.Max(1, outChannels / 4);
        squeeze = nn.Conv2d(outChannels, hidden, 1);
        excite = nn.Conv2d(hidden, outChannels, 1);
        this.reweight = reweight;
        RegisterComponents();
    }

    /// <summary>Inputs must share the spatial size; they are concatenated along channels.</summary>
    public override Tensor forward(Tensor[] features)
    {
        var cat = torch.cat(features, 1);
        var f = mix.forward(reweight ? balance.forward(cat) : cat);
        if (!reweight) return f;
        var w = nn.functional.sigmoid(excite.forward(nn.functional.relu(squeeze.forward(nn.functional.adaptive_avg_pool2d(f, 1)))));
        return f.Plus(f * w);
    }
}
