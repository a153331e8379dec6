namespace GisBridge.Tests.Support;

/// <summary>The shared real data (<c>../shared/data</c> beside the clone, as CI lays it; <c>GISBRIDGE_SHARED_DATA</c>
/// overrides). Linked into every test project; see that folder's PROVENANCE.md for the traps in each file.</summary>
public static class SharedData
{
    public static string Root { get; } = FindRoot();

    /// <summary>A file or folder under the shared data; a test that needs it fails with this message when it is absent.</summary>
    public static string Path(params string[] parts)
    {
        string path = System.IO.Path.Combine([Root, .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new FileNotFoundException(
                $"shared real data missing: {path} (expected ../shared/data beside the clone, or set GISBRIDGE_SHARED_DATA)", path);
        return path;
    }

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("GISBRIDGE_SHARED_DATA") is { Length: > 0 } env) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "GisBridge.sln")))
                return System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "data"));
        throw new InvalidOperationException("GisBridge.sln not found above " + AppContext.BaseDirectory);
    }
}
