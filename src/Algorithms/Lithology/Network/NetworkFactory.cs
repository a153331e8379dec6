using GisBridge.Algorithms.Common;
using TorchSharp;

namespace GisBridge.Algorithms.Lithology.Network;

/// <summary>Builds a segmentation network by architecture name ("ggmnet" or "unet").</summary>
public static class NetworkFactory
{
    public static IReadOnlyList<string> Architectures { get; } = [Ggmnet.ArchName, UNet.ArchName];

    /// <summary>Creates the network on the CPU with weights drawn from <paramref name="seed"/>.</summary>
    public static SegmentationNetwork Create(string arch, int inChannels, int numClasses, NetworkConfig? config = null, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(arch);
        config ??= new NetworkConfig();
        var name = arch.Trim().ToLowerInvariant();
        if (!Architectures.Contains(name))
            throw new ArgumentException($"unknown architecture '{arch}'; use one of {string.Join(", ", Architectures)}", nameof(arch));
        TorchSharp.torch.random.manual_seed(seed);
        return name == Ggmnet.ArchName
            ? new Ggmnet(inChannels, numClasses, config)
            : new UNet(inChannels, numClasses, config);
    }

    /// <summary>Creates the network and moves it to the device named by "cpu", "cuda" or "auto".</summary>
    public static SegmentationNetwork Create(string arch, int inChannels, int numClasses, NetworkConfig? config, long seed, string device)
    {
        var net = Create(arch, inChannels, numClasses, config, seed);
        net.to(TorchRuntime.ResolveDevice(device));
        return net;
    }
}
