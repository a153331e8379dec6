using System.Text.Json;
using GisBridge.Algorithms.Lithology.Synthetic;
using GisBridge.Server.Jobs;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Lithology;

/// <summary>
/// Synthetic gravity benchmark (RPC Lithology.SynthGravity, verb `synth-gravity`): no input; output files "dataset"
/// (images/NAME.tif, labels/NAME.tif, classes.json, split.json). Zero options take the documented defaults.
/// </summary>
public sealed class SynthGravityJob(IGeoIo geo, Hosting.ServerOptions server) : IJob<Proto.SynthGravityOptions>
{
    public void Run(Proto.SynthGravityOptions options, JobInputs inputs, JobOutputs outputs, JobContext context)
    {
        if (options.Tiles < 1) throw new JobInputException("tiles", $"give the number of tiles (>= 1), got {options.Tiles}");
        var o = new SyntheticGravityOptions
        {
            Tiles = options.Tiles,
            Size = options.Size > 0 ? options.Size : 256,
            Classes = options.Classes > 0 ? options.Classes : 6,
            Seed = options.Seed,
            CellSize = options.CellSize > 0 ? options.CellSize : 1000,
            NoiseMgal = options.NoiseMgal > 0 ? options.NoiseMgal : 0.1,
        };
        // The dataset is built in memory (3 float bands + labels per cell): bound it like any raster input.
        long bytes = (long)o.Tiles * o.Size * o.Size * 13;
        if (bytes > server.MaxRasterBytes)
            throw new ResourceLimitException($"{o.Tiles} tiles of {o.Size}x{o.Size} need about {bytes:N0} bytes in memory; " +
                $"the limit is {server.MaxRasterBytes:N0} bytes per job (fewer or smaller tiles, or a larger --max-raster-mb)");
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
