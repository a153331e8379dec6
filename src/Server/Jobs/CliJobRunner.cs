using System.Text.Json;
using GisBridge.Protocol.V1;
using GisBridge.Server.Hosting;

namespace GisBridge.Server.Jobs;

/// <summary>Where the CLI puts a job's outputs: rasters and files by role, or a folder for every file of a role.</summary>
public sealed class CliDestinations
{
    public Dictionary<string, string> Rasters { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Folders { get; } = new(StringComparer.Ordinal);
    public string? ReportPath { get; set; }
}

/// <summary>
/// Runs a job for a CLI verb: the same job code as the RPC, with inputs read from paths and outputs written to the
/// given paths atomically. Progress goes to stderr; errors become a message and an exit code.
/// </summary>
public sealed class CliJobRunner(ServerOptions options, IGeoIo geo)
{
    public const int ExitOk = 0, ExitInternal = 1, ExitBadInput = 2, ExitLimit = 3, ExitCancelled = 130;

    public IGeoIo Geo => geo;

    public int Run<TOptions>(IJob<TOptions> job, TOptions jobOptions, JobInputs inputs, CliDestinations destinations, CancellationToken ct)
    {
        int lastPercent = -1;
        using var context = new JobContext(ct, p =>
        {
            int percent = (int)(p.Fraction * 100);
            if (percent == lastPercent && p.Stage != "done") return;
            lastPercent = percent;
            Console.Error.WriteLine(p.Stage == p.Message ? $"[{percent,3}%] {p.Message}" : $"[{percent,3}%] {p.Stage}: {p.Message}");
        }, options.WorkRoot);
        try
        {
            // A bad GISBRIDGE_GTIFF_COMPRESSION is said before the job runs, not after its work is done.
            if (destinations.Rasters.Count > 0) _ = Io.Gdal.GeoTiffCompressions.Default;
            // Indenting the report is the last step of a run: its JSON reader and writer are set up meanwhile.
            if (destinations.ReportPath is not null) ThreadPool.QueueUserWorkItem(static _ => Indent("""{"warm-up": [1, "a"]}"""));
            job.Validate(jobOptions);
            job.Needs(jobOptions).Check(inputs);
            var outputs = new JobOutputs();
            job.Run(jobOptions, inputs, outputs, context);
            outputs.AddInputWarnings(inputs);
            foreach (var item in outputs.Items) Write(item, destinations, context.WorkDir, outputs.Items);
            if (destinations.ReportPath is not null)
                AtomicText(destinations.ReportPath, string.IsNullOrEmpty(outputs.Result.ReportJson) ? "{}" : Indent(outputs.Result.ReportJson));
            foreach (var w in outputs.Result.Warnings) Console.Error.WriteLine($"warning: {w}");
            if (!string.IsNullOrEmpty(outputs.Result.Message)) Console.WriteLine(outputs.Result.Message);
            return ExitOk;
        }
        catch (Exception e) when (e is JobInputException or ArgumentException or FormatException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitBadInput;
        }
        catch (Io.Gdal.GdalException e) when (e.Kind is Io.Gdal.GdalErrorKind.FileNotFound or Io.Gdal.GdalErrorKind.NotSupported)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitBadInput;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // An output path that cannot be written (no permission, a file where a folder should be, a full disk).
            Console.Error.WriteLine($"error: cannot write the outputs: {e.Message}");
            return ExitBadInput;
        }
        catch (Exception e) when (e is ResourceLimitException or Io.Gdal.GdalException { Kind: Io.Gdal.GdalErrorKind.ResourceLimit })
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitLimit;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return ExitCancelled;
        }
    }

    private void Write(object item, CliDestinations d, string workDir, IReadOnlyList<object> items)
    {
        switch (item)
        {
            case RasterOutput r when d.Rasters.TryGetValue(r.Name, out var path):
                geo.WriteRaster(path, r.Grid, r.DataType);
                Console.Error.WriteLine($"wrote {r.Name}: {path}");
                break;
            case RasterFileOutput r when d.Rasters.TryGetValue(r.Name, out var path):
                // The job's own GeoTIFF: moved with its .aux.xml (category names), no second pass over the pixels.
                Atomic(path, tmp =>
                {
                    File.Move(r.Path, tmp);
                    if (File.Exists(r.Path + ".aux.xml")) File.Move(r.Path + ".aux.xml", tmp + ".aux.xml");
                });
                Console.Error.WriteLine($"wrote {r.Name}: {path}");
                break;
            case FileOutput f when d.Files.TryGetValue(f.Name, out var path):
                if (IsOnlyUseOfWorkFile(f, workDir, items))
                    AtomicMove(f.Path, path); // the job's own file, deleted with its folder anyway: no copy of a large output
                else
                    AtomicCopy(f.Path, path);
                Console.Error.WriteLine($"wrote {f.Name}: {path}");
                break;
            case FileOutput f when d.Folders.TryGetValue(f.Name, out var folder):
                AtomicCopy(f.Path, Streaming.FileAssembler.SafeJoin(folder, f.FileName, f.Name));
                break;
        }
    }

    /// <summary>True when <paramref name="file"/> lies in the job's work folder and no other output names the same file.</summary>
    private static bool IsOnlyUseOfWorkFile(FileOutput file, string workDir, IReadOnlyList<object> items)
    {
        string full = Path.GetFullPath(file.Path);
        return full.StartsWith(Path.GetFullPath(workDir) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && items.Count(i => i is FileOutput other && Path.GetFullPath(other.Path) == full) == 1;
    }

    /// <summary>Moves beside the target (a rename on the same file system) then renames over it.</summary>
    public static void AtomicMove(string source, string target) => Atomic(target, tmp => File.Move(source, tmp));

    /// <summary>Copies beside the target then renames, so that the target is never half-written.</summary>
    public static void AtomicCopy(string source, string target) => Atomic(target, tmp => File.Copy(source, tmp));

    public static void AtomicText(string target, string text) => Atomic(target, tmp => File.WriteAllText(tmp, text));

    // CLI destinations may name folders that do not exist yet (dataset subfolders); AtomicFile does the rest.
    private static void Atomic(string target, Action<string> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        Io.Gdal.AtomicFile.Write(target, "", write);
    }

    internal static string Indent(string json)
    {
        // A writer, not JsonSerializer: the same text without the serializer's reflection set-up (tens of ms per run).
        using var doc = JsonDocument.Parse(json);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(json.Length * 2);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            doc.RootElement.WriteTo(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
