using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Lithology.Network;

/// <summary>
/// Decoder / segmentation head (paper 4.5): bilinear upsampling of the fused 1/8 features to 1/4, concatenation
/// with the encoder's 1/4 features (long skip), 3x3 deformable conv + BN + ReLU; the same from 1/4 to 1/2 with the
/// 1/2 features; a 1x1 classifier, then bilinear upsampling to the input size. The classifier runs at 1/2 and the
/// logits are upsampled: a 1x1 convolution and bilinear interpolation commute (both linear, weights summing to
/// one), so this equals classifying upsampled features at a quarter of the cost.
/// </summary>
public sealed class GgmnetDecoder : nn.Module
{
    private readonly nn.Module<Tensor, Tensor> up4;
    private readonly nn.Module<Tensor, Tensor> up2;
    private readonly Conv2d classifier;
    private readonly Dropout2d? dropout;

    /// <param name="deformable">False for the ablation with plain 3x3 convolutions.</param>
    public GgmnetDecoder(long fusedChannels, long skip4Channels, long skip2Channels, IReadOnlyList<int> channels,
        int numClasses, bool deformable, double dropout = 0) : base(nameof(GgmnetDecoder))
    {
        if (channels.Count != 2 || channels.Any(c => c < 1))
            throw new ArgumentException($"decoder channels must be 2 positive widths, got [{string.Join(", ", channels)}]");
        up4 = Block(fusedChannels + skip4Channels, channels[0], deformable);
        up2 = Block(channels[0] + skip2Channels, channels[1], deformable);
        classifier = nn.Conv2d(channels[1], numClasses, 1);
        this.dropout = ClassifierDropout.Create(dropout);
        RegisterComponents();
    }

    private static nn.Module<Tensor, Tensor> Block(long inC, long outC, bool deformable) => deformable
        ? nn.Sequential(new DeformableConv2d(inC, outC, bias: false), new HeldScalarBatchNorm2d(outC), nn.ReLU())
        : new ConvBnRelu(inC, outC, 3);

    /// <summary>Fused 1/8 features + encoder 1/4 and 1/2 features -> logits at the input size.</summary>
    public Tensor Decode(Tensor fused8, Tensor skip4, Tensor skip2, long outHeight, long outWidth)
    {
        var d4 = up4.forward(torch.cat([Resize(fused8, skip4), skip4], 1));
        var d2 = up2.forward(torch.cat([Resize(d4, skip2), skip2], 1));
        var logits = classifier.forward(dropout is null ? d2 : dropout.forward(d2));
        return nn.functional.interpolate(logits, [outHeight, outWidth], mode: InterpolationMode.Bilinear, align_corners: false);
    }

    internal static Tensor Resize(Tensor x, Tensor like) =>
        nn.functional.interpolate(x, [like.shape[2], like.shape[3]], mode: InterpolationMode.Bilinear, align_corners: false);
}
