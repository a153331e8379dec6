using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Streaming;

/// <summary>Saves one streamed file into the job's work folder, under inputs/&lt;role&gt;/ (two roles may send files of
/// the same name, and no input can collide with an output the job writes), checking its name and declared size.</summary>
public sealed class FileAssembler : IDisposable
{
    private readonly FileStream _stream;
    private long _written;

    public FileAssembler(FileHeader header, string workDir, long maxBytes)
    {
        Header = header;
        string n = string.IsNullOrEmpty(header.Name) ? "file" : header.Name;
        Path = SafeJoin(System.IO.Path.Combine(workDir, "inputs"), n + "/" + header.FileName, n);
        if (header.Size < 0)
            throw new JobInputException($"{n}.size", $"must not be negative, got {header.Size}");
        if (header.Size > maxBytes)
            throw new ResourceLimitException($"file '{header.FileName}' declares {header.Size:N0} bytes; the limit is {maxBytes:N0} bytes per file");
        MaxBytes = maxBytes;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _stream = new FileStream(Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
    }

    public FileHeader Header { get; }
    public string Path { get; }
    private long MaxBytes { get; }

    public void Add(FileChunk chunk)
    {
        _written += chunk.Data.Length;
        if (_written > Header.Size)
            throw new JobInputException(Header.Name, $"'{Header.FileName}' sent more than its declared {Header.Size:N0} bytes");
        _stream.Write(chunk.Data.Span);
    }

    public void Complete()
    {
        _stream.Dispose();
        if (_written != Header.Size)
            throw new JobInputException(Header.Name, $"'{Header.FileName}' truncated: {_written:N0} of {Header.Size:N0} bytes received");
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>Joins a client-given relative file name under a folder, refusing absolute names and traversal.</summary>
    public static string SafeJoin(string root, string relative, string field)
    {
        if (string.IsNullOrWhiteSpace(relative))
            throw new JobInputException($"{field}.file_name", "is empty");
        if (System.IO.Path.IsPathRooted(relative) || relative.Contains('\\') || relative.Contains('\0'))
            throw new JobInputException($"{field}.file_name", $"'{relative}' must be a relative name with '/' separators");
        var parts = relative.Split('/');
        if (parts.Any(p => p is "" or "." or ".."))
            throw new JobInputException($"{field}.file_name", $"'{relative}' must not contain empty, '.' or '..' parts");
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, relative));
        var rootFull = System.IO.Path.GetFullPath(root).TrimEnd(System.IO.Path.DirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootFull, StringComparison.Ordinal))
            throw new JobInputException($"{field}.file_name", $"'{relative}' leaves the job folder");
        return full;
    }
}
