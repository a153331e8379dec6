using System.Text.Json;
using GisBridge.Algorithms.Lithology.Synthetic;
using GisBridge.Server.Jobs;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Lithology;

/// <summary>
/// Synthetic gravity benchmark (RPC Lithology.SynthGravity, verb `synth-gravity`): no input; output files "dataset"
/// (images/NAME.tif, labels/NAME.tif, classes.json, split.json). Tiles and size must be given; other zero options take the documented defaults.
/// </summary>
public sealed class SynthGravityJob(IGeoIo geo, Hosting.ServerOptions server) : IJob<Proto.SynthGravityOptions>
{
    public const int MaxTiles = 10_000, MinSize = 16, MaxSize = 4096, MaxClasses = 64;

    /// <summary>Bytes per cell the finished dataset holds (3 float bands and a label).</summary>
    public const long DatasetBytesPerCell = 13;

    /// <summary>Bytes per cell of one tile while it is made: the forward model's float64 spectra of the tile
    /// zero-padded to twice its size, then the continuation and derivatives (peak measured in bench/README.md).</summary>
    public const long TileWorkingBytesPerCell = 256;

    /// <summary>The benchmark is made from the options alone.</summary>
    public InputNeeds Needs(Proto.SynthGravityOptions options) => InputNeeds.Nothing;

    /// <summary>With no input the options alone set the work: tiles and size must be given, within limits.</summary>
    public void Validate(Proto.SynthGravityOptions options)
    {
        OptionChecks.Range(options.Tiles, 1, MaxTiles, "tiles", zeroIsDefault: false);
        OptionChecks.Range(options.Size, MinSize, MaxSize, "size", zeroIsDefault: false);
        OptionChecks.Range(options.Classes, 2, MaxClasses, "classes");
        OptionChecks.Range(options.CellSize, 1e-3, 1e6, "cell_size");
        OptionChecks.Range(options.NoiseMgal, 0, 1e4, "noise_mgal");
        // The dataset is built in memory, one tile at a time: bound the dataset and one tile's work like any raster input.
        long cells = (long)options.Size * options.Size;
        long bytes = options.Tiles * cells * DatasetBytesPerCell + cells * TileWorkingBytesPerCell;
        if (bytes > server.MaxRasterBytes)
            throw new ResourceLimitException($"{options.Tiles} tiles of {options.Size}x{options.Size} need about {bytes:N0} bytes in memory; " +
                $"the limit is {server.MaxRasterBytes:N0} bytes per job (fewer or smaller tiles, or a larger --max-raster-mb)");
    }

    public void Run(Proto.SynthGravityOptions options, JobInputs inputs, JobOutputs outputs, JobContext context)
    {
        Validate(options);
        var o = new SyntheticGravityOptions
        {
            Tiles = options.Tiles,
            Size = options.Size,
            Classes = options.Classes > 0 ? options.Classes : 6,
            Seed = options.Seed,
            CellSize = options.CellSize > 0 ? options.CellSize : 1000,
            NoiseMgal = options.NoiseMgal > 0 ? options.NoiseMgal : 0.1,
        };
        var stage = context.Stage(0, 0.8);
        var dataset = SyntheticDataset.Generate(o, new Progress<double>(f => stage.Report((f, "forward modelling"))), context.Cancellation);
        context.Report(0.8, "writing", "writing the dataset tiles");
        var folder = Path.Combine(context.WorkDir, "dataset");
        foreach (var (fileName, path) in LithologyFiles.WriteDataset(geo, dataset, folder))
            outputs.AddFile("dataset", path, fileName);
        outputs.Result.Message = $"synthetic benchmark: {o.Tiles} tiles {o.Size}x{o.Size}, {o.Classes} classes, seed {o.Seed}";
        outputs.Result.ReportJson = JsonSerializer.Serialize(new
        {
            tiles = o.Tiles, size = o.Size, classes = dataset.Classes.Select(c => c.Name).ToArray(), seed = o.Seed,
            cell_size_m = o.CellSize, noise_mgal = o.NoiseMgal, bands = dataset.BandNames,
            split = new { train = dataset.Split!.Train.Count, val = dataset.Split.Val.Count, test = dataset.Split.Test.Count },
            dataset_hash = dataset.ContentHash(),
        });
        context.Report(1, "done", outputs.Result.Message);
    }
}
