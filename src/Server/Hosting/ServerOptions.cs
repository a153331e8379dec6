namespace GisBridge.Server.Hosting;

/// <summary>Settings of the server: where it listens, who may call it, and the limits of each job.</summary>
public sealed class ServerOptions
{
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 50051;

    /// <summary>Bearer token required from every caller when set; required to bind a non-loopback address.</summary>
    public string? Token { get; set; }
    public string? TlsCertificatePem { get; set; }
    public string? TlsKeyPem { get; set; }

    /// <summary>Jobs running at once; further jobs wait in a queue and report the stage "queued".</summary>
    public int MaxConcurrentJobs { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);
    /// <summary>Largest raster accepted in one job, in bytes of its pixels.</summary>
    public long MaxRasterBytes { get; set; } = 2L << 30;
    /// <summary>Bytes of streamed raster data held at once by all calls together, reserved as the data arrives.</summary>
    public long MemoryBudgetBytes { get; set; } = Jobs.MemoryBudget.DefaultCapacityBytes();
    /// <summary>Largest file accepted in one job.</summary>
    public long MaxFileBytes { get; set; } = 2L << 30;
    /// <summary>How long a job waits for the next message of its request stream before it ends the call
    /// (a client that stalls mid-input would otherwise hold the call, and its job slot, open).</summary>
    public TimeSpan InputIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Folders under which local-path shortcuts may read and write; empty = the shortcut is refused.</summary>
    public List<string> AllowedRoots { get; } = [];
    /// <summary>Where each job's private work folder is created.</summary>
    public string WorkRoot { get; set; } = Path.GetTempPath();

    public bool IsLoopback => Host is "127.0.0.1" or "localhost" or "::1" or "[::1]";
}
