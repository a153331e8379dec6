using System.CommandLine;
using GisBridge.Server.Io.Gdal;

namespace GisBridge.Server.Cli;

/// <summary>`--gdal-cache-mb`: the size of GDAL's block cache, one setting for the whole process, so accepted by serve,
/// info and every batch verb.</summary>
public static class GdalCacheOption
{
    public const string Name = "--gdal-cache-mb";

    public static Option<long> Create()
    {
        var option = new Option<long>(Name)
        {
            Description = "GDAL raster block cache for the whole process, MB (replaces GDAL_CACHEMAX)",
            DefaultValueFactory = _ => GdalLibrary.DefaultCacheMaxBytes >> 20,
            Recursive = true,
        };
        option.Validators.Add(result =>
        {
            if (Problem(result.GetValueOrDefault<long>()) is string problem)
                result.AddError(problem);
        });
        return option;
    }

    /// <summary>Why a cache of <paramref name="megabytes"/> is refused, or null: it must be positive and fit in the
    /// memory this process may use (physical memory or the container's limit).</summary>
    public static string? Problem(long megabytes)
    {
        long memoryMb = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes >> 20;
        return megabytes <= 0 || megabytes > memoryMb
            ? $"{Name} must be 1..{memoryMb} MB (this machine's memory), got {megabytes}"
            : null;
    }

    /// <summary>Gives GDAL the parsed cache size, before the verb runs and so before GDAL reads any block.</summary>
    public static void Apply(ParseResult parse) => GdalLibrary.SetCacheMax(parse.GetValue<long>(Name) << 20);
}
