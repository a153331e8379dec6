using TorchSharp;
using TorchSharp.Modules;

namespace GisBridge.Algorithms.Lithology.Network;

/// <summary>
/// The dropout layer before a network's 1x1 classifier (<see cref="NetworkConfig.Dropout"/>), and the switch that
/// samples it at inference: Monte-Carlo dropout keeps batch normalisation in evaluation mode (its running
/// statistics) and only the dropout layers drawing masks.
/// </summary>
public static class ClassifierDropout
{
    /// <summary>A Dropout2d of probability <paramref name="p"/>, or none when p is 0 (the module tree, and so the saved
    /// models, of networks without dropout stay as they were).</summary>
    public static Dropout2d? Create(double p)
    {
        if (!(p >= 0 && p < 1)) throw new ArgumentException($"dropout must be in [0, 1), got {p}", nameof(p));
        return p > 0 ? torch.nn.Dropout2d(p) : null;
    }

    /// <summary>Whether <paramref name="network"/> has a dropout layer to sample.</summary>
    public static bool Has(torch.nn.Module network) => network.modules().Any(m => m is Dropout2d);

    /// <summary>Puts <paramref name="network"/> in evaluation mode with its dropout layers drawing masks; disposing
    /// the result puts it back in evaluation mode.</summary>
    public static IDisposable Sampling(torch.nn.Module network)
    {
        network.eval();
        foreach (var m in network.modules().OfType<Dropout2d>()) m.train();
        return new Restore(network);
    }

    private sealed class Restore(torch.nn.Module network) : IDisposable
    {
        public void Dispose() => network.eval();
    }
}
