using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Lithology.Network;

/// <summary>
/// GGMNet (paper Fig. 3A): encoder to 1/8 -> MRFEM branches at 1/8, 1/16, 1/32 -> an Attention Refinement Module
/// per branch -> Feature Fusion Module at 1/8 (with the encoder's 1/8 features as a skip bringing the input's
/// spatial information) -> decoder with long skips and deformable convolutions -> 1x1 classifier.
/// Ablation switches in <see cref="NetworkConfig"/> replace ARMs by 1x1 projections, the FFM by concat + 1x1,
/// deformable by plain convolutions and remove the MRFEM residual connections.
/// </summary>
public sealed class Ggmnet : SegmentationNetwork
{
    public const string ArchName = "ggmnet";

    private readonly GgmnetEncoder encoder;
    private readonly MultiResolutionModule mrfem;
    private readonly nn.Module<Tensor, Tensor> refine8;
    private readonly nn.Module<Tensor, Tensor> refine16;
    private readonly nn.Module<Tensor, Tensor> refine32;
    private readonly FeatureFusionModule fusion;
    private readonly GgmnetDecoder decoder;

    public Ggmnet(int inChannels, int numClasses, NetworkConfig config) : base(ArchName, inChannels, numClasses, config)
    {
        if (config.FusionChannels < 1) throw new ArgumentException($"fusion channels must be positive, got {config.FusionChannels}");
        var enc = config.EncoderChannels;
        encoder = new GgmnetEncoder(inChannels, enc);
        mrfem = new MultiResolutionModule(config.ResolveGenotype(), enc[2], config.WidthUnit, config.UseResidual);
        long f = config.FusionChannels;
        refine8 = Refiner(mrfem.OutChannels[0], f, config.UseArm);
        refine16 = Refiner(mrfem.OutChannels[1], f, config.UseArm);
        refine32 = Refiner(mrfem.OutChannels[2], f, config.UseArm);
        fusion = new FeatureFusionModule(3 * f + enc[2], f, config.UseFfm);
        decoder = new GgmnetDecoder(f, enc[1], enc[0], config.DecoderChannels, numClasses, config.UseDeformable, config.Dropout);
        RegisterComponents();
    }

    private static nn.Module<Tensor, Tensor> Refiner(long inC, long outC, bool arm) =>
        arm ? new AttentionRefinementModule(inC, outC) : new ConvBnRelu(inC, outC, 1);

    protected override Tensor Logits(Tensor x)
    {
        var enc = encoder.forward(x);
        var branches = mrfem.forward(enc[2]);
        var r8 = refine8.forward(branches[0]);
        var r16 = GgmnetDecoder.Resize(refine16.forward(branches[1]), r8);
        var r32 = GgmnetDecoder.Resize(refine32.forward(branches[2]), r8);
        var fused = fusion.forward([r8, r16, r32, enc[2]]);
        return decoder.Decode(fused, enc[1], enc[0], x.shape[2], x.shape[3]);
    }
}
