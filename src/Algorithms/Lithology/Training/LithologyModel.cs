using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Lithology.Network;
using TorchSharp;

namespace GisBridge.Algorithms.Lithology.Training;

/// <summary>A model card and its network; weights are saved / loaded with TorchSharp's module format.</summary>
public sealed class LithologyModel : IDisposable
{
    public LithologyModel(ModelCard card, SegmentationNetwork network)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(network);
        card.Validate();
        if (network.InChannels != card.InChannels || network.NumClasses != card.Classes.Count || network.Arch != card.Arch)
            throw new ArgumentException(
                $"network ({network.Arch}, {network.InChannels} channels, {network.NumClasses} classes) does not match the model card ({card.Arch}, {card.InChannels} channels, {card.Classes.Count} classes)");
        Card = card;
        Network = network;
    }

    public ModelCard Card { get; }
    public SegmentationNetwork Network { get; }

    /// <summary>Builds the card's network with fresh weights (seeded).</summary>
    public static LithologyModel Create(ModelCard card, long seed = 0)
    {
        card.Validate();
        return new LithologyModel(card, NetworkFactory.Create(card.Arch, card.InChannels, card.Classes.Count, card.Config, seed));
    }

    /// <summary>Writes the weights (parameters and BN statistics); the stream stays open.</summary>
    public void SaveWeights(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        Network.save(writer);
    }

    /// <summary>Builds the card's network and loads weights into it, on the device named ("cpu", "cuda", "auto").</summary>
    public static LithologyModel Load(ModelCard card, Stream weights, string device = "cpu")
    {
        var model = Create(card);
        try
        {
            using var reader = new BinaryReader(weights, System.Text.Encoding.UTF8, leaveOpen: true);
            model.Network.load(reader, strict: true);
        }
        catch (Exception e)
        {
            model.Dispose();
            throw new ArgumentException($"model weights do not match the model card ({card.Arch}, {card.InChannels} channels, {card.Classes.Count} classes): {e.Message}", e);
        }
        model.Network.to(TorchRuntime.ResolveDevice(device));
        return model;
    }

    public void Dispose() => Network.Dispose();
}
