using TorchSharp;

namespace GisBridge.Algorithms.Common;

/// <summary>Chooses the TorchSharp device once: CUDA when the loaded libtorch has it and it is asked for.</summary>
public static class TorchRuntime
{
    /// <summary>Resolves "cpu", "cuda" or "auto" to a device, explaining why CUDA is not available.</summary>
    public static torch.Device ResolveDevice(string? requested)
    {
        var name = string.IsNullOrWhiteSpace(requested) ? "cpu" : requested.Trim().ToLowerInvariant();
        return name switch
        {
            "cpu" => torch.CPU,
            "cuda" when torch.cuda.is_available() => torch.CUDA,
            "cuda" => throw new ArgumentException(
                "device 'cuda' was asked for but this TorchSharp build has no CUDA (only libtorch-cpu is installed); use --device cpu"),
            "auto" => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
            _ => throw new ArgumentException($"device '{requested}' is unknown; use cpu, cuda or auto"),
        };
    }

    /// <summary>
    /// Loads libtorch on a pool thread (dlopen, relocations, static initialisers: ~0.15-0.2 s of one core on the
    /// 2-core build VM), so that a job which reads its input first finds it loaded. Failures are left for the first
    /// real use to report.
    /// </summary>
    public static void PreloadInBackground() => ThreadPool.QueueUserWorkItem(static _ =>
    {
        try
        {
            torch.empty(1).Dispose();
        }
        catch (Exception)
        {
            // Reported, with its context, where torch is used.
        }
    });

    /// <summary>"cuda" when a CUDA device is usable, else "cpu".</summary>
    public static string DefaultDeviceName => torch.cuda.is_available() ? "cuda" : "cpu";
}
