using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Lithology.Network;

/// <summary>
/// Common interface of the segmentation networks: [N, InChannels, H, W] -> logits [N, NumClasses, H, W] for any
/// H, W >= 1. The channel count is checked so that a model fed the wrong raster fails with a clear message.
/// </summary>
public abstract class SegmentationNetwork : nn.Module<Tensor, Tensor>
{
    protected SegmentationNetwork(string arch, int inChannels, int numClasses, NetworkConfig config) : base(arch)
    {
        if (inChannels < 1) throw new ArgumentException($"input channels must be at least 1, got {inChannels}", nameof(inChannels));
        if (numClasses < 2) throw new ArgumentException($"a segmentation needs at least 2 classes, got {numClasses}", nameof(numClasses));
        Arch = arch;
        InChannels = inChannels;
        NumClasses = numClasses;
        Config = config;
    }

    public string Arch { get; }
    public int InChannels { get; }
    public int NumClasses { get; }
    public NetworkConfig Config { get; }

    public sealed override Tensor forward(Tensor x)
    {
        if (x.dim() != 4)
            throw new ArgumentException($"{Arch}: input must be [batch, channels, height, width], got {x.dim()} dimensions");
        if (x.shape[1] != InChannels)
            throw new ArgumentException($"{Arch}: the model expects {InChannels} input channels, the input has {x.shape[1]}");
        return Logits(x);
    }

    protected abstract Tensor Logits(Tensor x);

    /// <summary>Number of trainable values.</summary>
    public long ParameterCount() => parameters().Sum(p => p.numel());
}
