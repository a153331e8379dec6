namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// A GDAL configuration option set on the calling thread only (CPLSetThreadLocalConfigOption) until disposed, when
/// the thread's previous value comes back: other threads (other jobs of the server) keep seeing their own value.
/// </summary>
internal sealed class ThreadConfigOption : IDisposable
{
    private readonly string _key;
    private readonly string? _previous;
    private bool _disposed;

    public ThreadConfigOption(string key, string value)
    {
        GdalLibrary.EnsureInitialized();
        _key = key;
        _previous = GdalNative.Str(GdalNative.CPLGetThreadLocalConfigOption(key, null)) is { Length: > 0 } p ? p : null;
        GdalNative.CPLSetThreadLocalConfigOption(key, value);
    }

    /// <summary>The option's value in effect on this thread (thread-local, then global, then environment); null when unset.</summary>
    public static string? Current(string key)
    {
        GdalLibrary.EnsureInitialized();
        return GdalNative.Str(GdalNative.CPLGetConfigOption(key, null)) is { Length: > 0 } v ? v : null;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        GdalNative.CPLSetThreadLocalConfigOption(_key, _previous);
    }
}
