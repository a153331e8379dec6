using GisBridge.Algorithms.Common;
using GisBridge.Protocol.V1;

namespace GisBridge.Server.Jobs;

/// <summary>A result raster: its role, the grid and the pixel type it is to be stored as.</summary>
public sealed record RasterOutput(string Name, RasterGrid Grid, RasterDataType DataType);

/// <summary>A result raster the job has already written as a GeoTIFF in its work folder (rasters larger than memory).</summary>
public sealed record RasterFileOutput(string Name, string Path, RasterDataType DataType);

/// <summary>A result file produced inside the job's work folder; FileName may hold a relative folder.</summary>
public sealed record FileOutput(string Name, string FileName, string Path);

/// <summary>What a job produced, in order, and its result (summary, JSON report, warnings).</summary>
public sealed class JobOutputs
{
    private readonly List<object> _items = [];

    public IReadOnlyList<object> Items => _items;
    public JobResult Result { get; } = new();

    public void AddRaster(string name, RasterGrid grid, RasterDataType dataType = RasterDataType.Float32)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (dataType == RasterDataType.Unspecified)
            throw new ArgumentException("output data type must be given", nameof(dataType));
        _items.Add(new RasterOutput(name, grid, dataType));
    }

    public void AddRasterFile(string name, string path, RasterDataType dataType)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException($"output raster '{name}' was not produced at {path}");
        _items.Add(new RasterFileOutput(name, path, dataType));
    }

    public void AddFile(string name, string path, string? fileName = null)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException($"output '{name}' was not produced at {path}");
        _items.Add(new FileOutput(name, fileName ?? System.IO.Path.GetFileName(path), path));
    }

    public void Warn(string warning) => Result.Warnings.Add(warning);

    /// <summary>The inputs' warnings (assumptions made while reading them) go first in the result.</summary>
    public void AddInputWarnings(JobInputs inputs)
    {
        var warnings = inputs.Warnings;
        for (int i = warnings.Count - 1; i >= 0; i--)
            if (!Result.Warnings.Contains(warnings[i])) Result.Warnings.Insert(0, warnings[i]);
    }
}
