using System.CommandLine;
using GisBridge.Algorithms.Lithology.Inference;
using GisBridge.Server.Hosting;
using GisBridge.Server.Jobs;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Lithology;

/// <summary>CLI verbs synth-gravity, ggmnet-train, ggmnet-evaluate, ggmnet-predict: the RPC jobs with folders and files.</summary>
public static class LithologyCommands
{
    public static Command SynthGravity(IServiceProvider services)
    {
        var output = new Option<string>("--output") { Description = "Dataset folder to write", Required = true };
        var tiles = new Option<int>("--tiles") { Description = "Number of tiles", Required = true };
        var size = new Option<int>("--size") { Description = "Tile side in cells (default 256)", DefaultValueFactory = _ => 256 };
        var classes = new Option<int>("--classes") { Description = "Rock classes 2..10 (default 6)", DefaultValueFactory = _ => 6 };
        var seed = new Option<int>("--seed") { Description = "Random seed (default 0)" };
        var cell = new Option<double>("--cell-size") { Description = "Cell size in metres (default 1000)", DefaultValueFactory = _ => 1000 };
        var noise = new Option<double>("--noise-mgal") { Description = "Gaussian noise, mGal (default 0.1)", DefaultValueFactory = _ => 0.1 };
        var report = Report();
        var command = new Command("synth-gravity", "Synthetic forward-model lithology benchmark with known truth (dataset folder)")
            { output, tiles, size, classes, seed, cell, noise, report };
        command.SetAction((parse, ct) =>
        {
            var options = new Proto.SynthGravityOptions
            {
                Tiles = parse.GetValue(tiles), Size = parse.GetValue(size), Classes = parse.GetValue(classes),
                Seed = parse.GetValue(seed), CellSize = parse.GetValue(cell), NoiseMgal = parse.GetValue(noise),
            };
            var d = new CliDestinations { ReportPath = parse.GetValue(report) };
            d.Folders["dataset"] = parse.GetValue(output)!;
            return Task.FromResult(Run(services, services.GetRequiredService<SynthGravityJob>(), options, new JobInputs(), d, ct));
        });
        return command;
    }

    public static Command Train(IServiceProvider services)
    {
        var dataset = new Option<string>("--dataset") { Description = "Dataset folder (images/, labels/, classes.json, split.json)", Required = true };
        // --model and --time-limit are the spellings; --output and --time-limit-minutes the other verbs'.
        var output = new Option<string>("--model", "--output") { Description = "Model folder to write (model.card.json, model.weights)", Required = true };
        var arch = new Option<string>("--arch") { Description = "ggmnet (default) or unet", DefaultValueFactory = _ => "ggmnet" };
        var epochs = new Option<int>("--epochs") { Description = "Epochs (default 100)", DefaultValueFactory = _ => 100 };
        var minutes = new Option<double>("--time-limit", "--time-limit-minutes") { Description = "Stop after this many minutes (0 = none)" };
        var device = Device();
        var batch = new Option<int>("--batch-size") { Description = "Batch size (default 4)", DefaultValueFactory = _ => 4 };
        var crop = new Option<int>("--crop") { Description = "Training crop in pixels (default min(256, tile))" };
        var seed = new Option<int>("--seed") { Description = "Random seed (default 0)" };
        var report = Report();
        var noWeights = new Option<bool>("--no-class-weights")
        {
            Description = "Every class weighs 1 in the loss (default: median-frequency weights, which favour rare units)",
        };
        var dropout = new Option<double>("--dropout")
        {
            Description = "Probability of dropping a feature channel before the classifier (default 0 = none); needed for ggmnet-predict --mc-dropout",
        };
        var command = new Command("ggmnet-train", "Train GGMNet (or the U-Net baseline) on a lithology dataset")
            { dataset, output, arch, epochs, minutes, device, batch, crop, seed, noWeights, dropout, report };
        command.SetAction((parse, ct) =>
        {
            OneDnnConvolutionGuard.Apply(); // before the network is built: see the guard for why
            var options = new Proto.GgmnetTrainOptions
            {
                Arch = parse.GetValue(arch), Epochs = parse.GetValue(epochs), TimeLimitMinutes = parse.GetValue(minutes),
                Device = parse.GetValue(device), BatchSize = parse.GetValue(batch), Crop = parse.GetValue(crop), Seed = parse.GetValue(seed),
                NoClassWeights = parse.GetValue(noWeights), Dropout = parse.GetValue(dropout),
            };
            var d = new CliDestinations { ReportPath = parse.GetValue(report) };
            d.Folders["model"] = parse.GetValue(output)!;
            var inputs = DatasetInputs(parse.GetValue(dataset)!);
            return Task.FromResult(inputs is null ? CliJobRunner.ExitBadInput
                : Run(services, services.GetRequiredService<GgmnetTrainJob>(), options, inputs, d, ct));
        });
        return command;
    }

    public static Command Evaluate(IServiceProvider services)
    {
        var dataset = new Option<string>("--dataset") { Description = "Dataset folder", Required = true };
        var model = new Option<string>("--model") { Description = "Model folder", Required = true };
        var subset = new Option<string>("--subset") { Description = "train, val, test, or holdout: the points held out by ggmnet-dataset --holdout-points (default test)", DefaultValueFactory = _ => "test" };
        subset.AcceptOnlyFromAmong("train", "val", "test", "holdout");
        var window = new Option<int>("--window") { Description = "Sliding window (default 512)", DefaultValueFactory = _ => 512 };
        var device = Device();
        var report = Report();
        var command = new Command("ggmnet-evaluate", "Score a model on a dataset subset: MPA, FWIoU, mIoU, per-class IoU, confusion matrix")
            { dataset, model, subset, window, device, report };
        command.SetAction((parse, ct) =>
        {
            OneDnnConvolutionGuard.Apply(); // before the network is built: see the guard for why
            var options = new GgmnetEvaluateOptions(parse.GetValue(subset)!, parse.GetValue(device)!, parse.GetValue(window), parse.GetValue(model));
            var inputs = DatasetInputs(parse.GetValue(dataset)!);
            return Task.FromResult(inputs is null ? CliJobRunner.ExitBadInput
                : Run(services, services.GetRequiredService<GgmnetEvaluateJob>(), options, inputs,
                    new CliDestinations { ReportPath = parse.GetValue(report) }, ct));
        });
        return command;
    }

    public static Command Predict(IServiceProvider services)
    {
        var input = new Option<string>("--input") { Description = "Input raster with the model's bands", Required = true };
        var model = new Option<string>("--model") { Description = "Model folder", Required = true };
        var output = new Option<string>("--output") { Description = "Output class GeoTIFF (uint8, 255 = nodata)", Required = true };
        var confidence = new Option<string?>("--confidence") { Description = "Output GeoTIFF of the max probability" };
        var entropy = new Option<string?>("--entropy") { Description = "Output GeoTIFF of the entropy (nats)" };
        var uncertainty = new Option<string?>("--uncertainty")
        {
            Description = "Output GeoTIFF of the uncertainty, the mutual information (nats) between the class and the views: " +
                "8 flips/rotations (8x slower), or with --mc-dropout the sampled networks",
        };
        var mcDropout = new Option<int>("--mc-dropout")
        {
            Description = $"Monte-Carlo dropout samples per window (1..{PredictorOptions.MaxMcDropoutSamples}) for --uncertainty; " +
                "needs a model trained with --dropout",
        };
        var augment = new Option<bool>("--augment") { Description = "With --mc-dropout: also sample the 8 flips/rotations" };
        var window = new Option<int>("--window") { Description = "Sliding window (default 512)", DefaultValueFactory = _ => 512 };
        var overlap = new Option<double>("--overlap") { Description = "Window overlap fraction (default 0.25)", DefaultValueFactory = _ => 0.25 };
        var device = Device();
        var report = Report();
        var command = new Command("ggmnet-predict", "Tiled lithology prediction over a raster of any size")
            { input, model, output, confidence, entropy, uncertainty, mcDropout, augment, window, overlap, device, report };
        command.SetAction((parse, ct) =>
        {
            OneDnnConvolutionGuard.Apply(); // before the network is built: see the guard for why
            string? conf = parse.GetValue(confidence), ent = parse.GetValue(entropy), unc = parse.GetValue(uncertainty);
            int samples = parse.GetValue(mcDropout);
            if ((samples != 0 || parse.GetValue(augment)) && unc is null)
            {
                Console.Error.WriteLine("error: --mc-dropout and --augment shape the --uncertainty output; give --uncertainty PATH");
                return Task.FromResult(CliJobRunner.ExitBadInput);
            }
            var options = new Proto.GgmnetPredictOptions
            {
                ModelPath = parse.GetValue(model), Window = parse.GetValue(window), Overlap = parse.GetValue(overlap),
                Device = parse.GetValue(device), WantConfidence = conf is not null, WantEntropy = ent is not null,
                WantUncertainty = unc is not null && (samples == 0 || parse.GetValue(augment)), McDropoutSamples = samples,
            };
            var d = new CliDestinations { ReportPath = parse.GetValue(report) };
            d.Rasters["lithology"] = parse.GetValue(output)!;
            if (conf is not null) d.Rasters["confidence"] = conf;
            if (ent is not null) d.Rasters["entropy"] = ent;
            if (unc is not null) d.Rasters["uncertainty"] = unc;
            var runner = services.GetRequiredService<CliJobRunner>();
            var inputs = new JobInputs();
            string path = parse.GetValue(input)!;
            inputs.AddRasterFile("input", path, runner.Geo);
            return Task.FromResult(runner.Run(services.GetRequiredService<GgmnetPredictJob>(), options, inputs, d, ct));
        });
        return command;
    }

    /// <summary>Every file below the dataset folder as input "dataset", named by its relative path (null: no folder).</summary>
    private static JobInputs? DatasetInputs(string folder)
    {
        if (!Directory.Exists(folder))
        {
            Console.Error.WriteLine($"error: dataset: folder not found: {folder}");
            return null;
        }
        var inputs = new JobInputs();
        foreach (var f in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            inputs.AddFile(new InputFile("dataset", Path.GetRelativePath(folder, f).Replace('\\', '/'), f));
        return inputs;
    }

    private static Option<string> Device()
    {
        var device = new Option<string>("--device") { Description = "cpu (default), cuda or auto", DefaultValueFactory = _ => "cpu" };
        device.AcceptOnlyFromAmong("cpu", "cuda", "auto");
        return device;
    }

    private static Option<string?> Report() => new("--report") { Description = "Write the JSON report here" };

    private static int Run<TOptions>(IServiceProvider services, IJob<TOptions> job, TOptions options, JobInputs inputs,
        CliDestinations destinations, CancellationToken ct) =>
        services.GetRequiredService<CliJobRunner>().Run(job, options, inputs, destinations, ct);
}
