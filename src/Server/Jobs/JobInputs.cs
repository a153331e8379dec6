using GisBridge.Algorithms.Common;

namespace GisBridge.Server.Jobs;

/// <summary>A file given to a job: its role, its file name (may hold a relative folder) and where it is on disk.</summary>
public sealed record InputFile(string Name, string FileName, string Path);

/// <summary>
/// The inputs of one job, filled either from a request stream (decoded rasters, files saved into the work folder)
/// or from CLI arguments (paths read on demand).
/// </summary>
public sealed class JobInputs
{
    private readonly Dictionary<string, Lazy<RasterGrid>> _rasters = new(StringComparer.Ordinal);
    private readonly List<InputFile> _files = [];
    private readonly Dictionary<string, (string Path, string Crs)> _rasterFiles = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];

    public void AddRaster(string name, Func<RasterGrid> load)
    {
        if (_rasters.ContainsKey(name))
            throw new JobInputException(name, "raster given twice");
        _rasters[name] = new Lazy<RasterGrid>(load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// A raster read from a path when first used, its CRS settled by <see cref="InputCrs"/>: <paramref name="crs"/>
    /// (the request's) over the file's, a lon/lat-looking grid without one taken as EPSG:4326 with a warning.
    /// </summary>
    public void AddRasterFile(string name, string path, IGeoIo geo, string crs = "")
    {
        AddRaster(name, () => InputCrs.Settle(geo.ReadRaster(path), crs, name, geo, Warn));
        _rasterFiles[name] = (path, crs);
    }

    /// <summary>
    /// The file behind a raster input and the request's CRS for it ("" = the file's), or null when the raster came
    /// in the request stream; jobs that stream through rasters larger than memory read the file themselves.
    /// </summary>
    public (string Path, string Crs)? RasterFile(string name) => _rasterFiles.TryGetValue(name, out var f) ? f : null;

    /// <summary>What was assumed about the inputs while reading them (e.g. a CRS); the runners report it.</summary>
    public IReadOnlyList<string> Warnings
    {
        get { lock (_warnings) return _warnings.ToArray(); }
    }

    public void Warn(string warning)
    {
        lock (_warnings) _warnings.Add(warning);
    }

    public void AddFile(InputFile file)
    {
        if (_files.Any(f => f.Name == file.Name && f.FileName == file.FileName))
            throw new JobInputException(file.Name, $"file '{file.FileName}' given twice");
        _files.Add(file);
    }

    public bool HasRaster(string name) => _rasters.ContainsKey(name);
    public bool HasFile(string name) => _files.Any(f => f.Name == name);
    public IReadOnlyCollection<string> RasterNames => _rasters.Keys;

    /// <summary>The raster with that role; its pixels are read or decoded on first use.</summary>
    public RasterGrid Raster(string name) => _rasters.TryGetValue(name, out var r)
        ? r.Value
        : throw new JobInputException(name, $"no raster input named '{name}' was given");

    /// <summary>Path of the one file with that role.</summary>
    public string FilePath(string name)
    {
        var matches = FilesNamed(name);
        return matches.Count switch
        {
            1 => matches[0].Path,
            0 => throw new JobInputException(name, $"no file input named '{name}' was given"),
            _ => throw new JobInputException(name, $"{matches.Count} files named '{name}' were given, expected one"),
        };
    }

    /// <summary>The main file of a streamed vector input with that role (a shapefile arrives with its .dbf/.shx/.prj
    /// companions).</summary>
    public string VectorFilePath(string name)
    {
        var files = FilesNamed(name);
        if (files.Count <= 1) return FilePath(name);
        string[] companions = [".dbf", ".shx", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".qmd"];
        var main = files.Where(f => !companions.Contains(Path.GetExtension(f.FileName).ToLowerInvariant())).ToList();
        return main.Count == 1 ? main[0].Path
            : throw new JobInputException(name, $"{main.Count} vector files were given ({string.Join(", ", files.Select(f => f.FileName))}); give one");
    }

    public IReadOnlyList<InputFile> FilesNamed(string name) => _files.Where(f => f.Name == name).ToList();
    public IReadOnlyList<InputFile> Files => _files;
}
