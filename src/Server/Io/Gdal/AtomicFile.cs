namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// Writes a file atomically: the content goes to a temporary file in the same folder (same file system, so the
/// final rename is atomic), which replaces the target only once it is complete. On failure the temporary file
/// is deleted and an existing target is left untouched. Sidecar files written next to the temporary file
/// (GDAL's "x.tif.aux.xml", SQLite "-wal"/"-shm") are renamed along with it; a stale sidecar of the old
/// target that the new file does not have is removed so that it cannot describe the new content.
/// </summary>
public static class AtomicFile
{
    /// <summary>Sidecars that belong to a file and must follow it.</summary>
    private static readonly string[] s_sidecars = [".aux.xml", "-wal", "-shm", "-journal"];

    /// <summary>
    /// Calls <paramref name="writeTemp"/> with a temporary path "<paramref name="path"/>.tmp-&lt;guid&gt;<paramref name="tempExtension"/>"
    /// and moves the result over <paramref name="path"/>.
    /// </summary>
    public static void Write(string path, string tempExtension, Action<string> writeTemp)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(writeTemp);
        string full = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (folder == null || !Directory.Exists(folder))
            throw new DirectoryNotFoundException($"output folder does not exist: '{folder}' (for '{path}')");
        if (Directory.Exists(full))
            throw new IOException($"output path is a folder: '{path}'");
        string temp = $"{full}.tmp-{Guid.NewGuid():N}{tempExtension}";
        try
        {
            writeTemp(temp);
            if (!File.Exists(temp))
                throw new IOException($"the writer produced no file for '{path}'");
            foreach (var sidecar in s_sidecars)
            {
                if (File.Exists(temp + sidecar))
                    File.Move(temp + sidecar, full + sidecar, overwrite: true);
                else if (File.Exists(full + sidecar))
                    File.Delete(full + sidecar);
            }
            File.Move(temp, full, overwrite: true); // rename(2) on Unix, MoveFileEx(REPLACE_EXISTING) on Windows
        }
        catch
        {
            DeleteQuietly(temp);
            foreach (var sidecar in s_sidecars)
                DeleteQuietly(temp + sidecar);
            throw;
        }
    }

    private static void DeleteQuietly(string file)
    {
        try
        {
            if (File.Exists(file))
                File.Delete(file);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
