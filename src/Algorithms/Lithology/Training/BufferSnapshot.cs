using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Lithology.Training;

/// <summary>
/// A copy of a module's buffers (BN running mean / variance / batch count) taken before a training step, so that a
/// step the trainer skips (non-finite loss or gradient) can put them back: BN updates them during the forward pass,
/// before the step is known to be bad, and one NaN there would poison every later evaluation.
/// </summary>
internal sealed class BufferSnapshot : IDisposable
{
    private readonly (Tensor Live, Tensor Copy)[] pairs;

    public BufferSnapshot(nn.Module module)
    {
        using var _ = no_grad();
        pairs = module.buffers().Select(b => (b, Copy(b))).ToArray();
    }

    // The detached view is held until the clone returns: as a bare temporary (b.detach().clone()) nothing keeps it
    // alive during the native call, and a collection on another thread could free it while libtorch copies from it
    // (a crash seen in training under load). This runs outside the training step's dispose scope.
    private static Tensor Copy(Tensor buffer)
    {
        using var detached = buffer.detach();
        return detached.clone();
    }

    /// <summary>Writes the saved values back into the module's buffers, in place.</summary>
    public void Restore()
    {
        using var _ = no_grad();
        foreach (var (live, copy) in pairs) live.copy_(copy);
    }

    public void Dispose()
    {
        foreach (var (_, copy) in pairs) copy.Dispose();
    }
}
