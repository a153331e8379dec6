using GisBridge.Server.Hosting;

namespace GisBridge.Server.Jobs;

/// <summary>Local-path shortcuts may only touch files under the configured roots.</summary>
public sealed class PathPolicy(ServerOptions options)
{
    public string Check(string path, string field)
    {
        if (options.AllowedRoots.Count == 0)
            throw new JobInputException(field, "local paths are not accepted by this server (no --allow-root); stream the data instead");
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new JobInputException(field, $"'{path}' is not a valid path: {e.Message}");
        }
        full = ResolveLinks(full);
        foreach (var root in options.AllowedRoots)
        {
            var r = ResolveLinks(Path.GetFullPath(root)).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            if (full.StartsWith(r, StringComparison.Ordinal)) return full;
        }
        throw new JobInputException(field, $"'{path}' is outside the folders this server may read ({string.Join(", ", options.AllowedRoots)})");
    }

    // A link inside an allowed root must not lead out of it.
    private static string ResolveLinks(string full)
    {
        try
        {
            var info = new FileInfo(full);
            return info.LinkTarget is null ? full : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException)
        {
            return full;
        }
    }
}
