using System.Text.Json;
using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Lithology.Inference;
using GisBridge.Server.Jobs;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Lithology;

/// <summary>
/// Inference (RPC Lithology.GgmnetPredict, verb `ggmnet-predict`): raster "input" (the model's bands), the model as
/// files "model" or options.model_path; outputs "lithology" (uint8 with class names and colours, 255 = nodata),
/// optionally "confidence" (max probability) and "entropy" (nats).
/// </summary>
public sealed class GgmnetPredictJob : IJob<Proto.GgmnetPredictOptions>
{
    public void Validate(Proto.GgmnetPredictOptions options)
    {
        OptionChecks.Range(options.Window, 8, 8192, "window");
        OptionChecks.Range(options.Overlap, 0, 0.9, "overlap");
        OptionChecks.OneOf(options.Device, "device", "cpu", "cuda", "auto");
    }

    /// <summary>The model comes as files unless a server-side model_path is named.</summary>
    public InputNeeds Needs(Proto.GgmnetPredictOptions options) =>
        string.IsNullOrEmpty(options.ModelPath) ? new(["input"], ["model"]) : InputNeeds.Raster("input");

    public void Run(Proto.GgmnetPredictOptions options, JobInputs inputs, JobOutputs outputs, JobContext context)
    {
        Validate(options);
        string device = string.IsNullOrWhiteSpace(options.Device) ? "cpu" : options.Device;
        using var model = LithologyFiles.ReadModel(inputs, options.ModelPath, device);
        context.Report(0.02, "reading", "reading the input raster");
        var input = inputs.Raster("input");
        if (input.Bands.Count != model.Card.InChannels)
            throw new JobInputException("input", $"the raster has {input.Bands.Count} bands, the model expects {model.Card.InChannels}" +
                (model.Card.BandNames.Count > 0 ? $" ({string.Join(", ", model.Card.BandNames)})" : ""));
        var popts = new PredictorOptions
        {
            Window = options.Window > 0 ? options.Window : 512,
            Overlap = options.Overlap > 0 ? options.Overlap : 0.25,
            WantConfidence = options.WantConfidence,
            WantEntropy = options.WantEntropy,
        };
        var stage = context.Stage(0.05, 0.95);
        var p = SlidingWindowPredictor.Predict(model.Network, model.Card.Classes.Count, model.Card.Normalization, input.Bands,
            input.Width, input.Height, popts, TorchRuntime.ResolveDevice(device),
            new SyncProgress(f => stage.Report((f, "predicting"))), context.Cancellation);
        var classes = input.WithBands([Array.ConvertAll(p.Classes, v => (float)v)], ["lithology"]);
        outputs.AddRaster("lithology", new RasterGrid(input.Width, input.Height, input.Transform, classes.Bands)
        {
            CrsWkt = input.CrsWkt, CrsKind = input.CrsKind, LinearUnitMetres = input.LinearUnitMetres, NoData = 255,
            CategoryNames = model.Card.Classes.Select(c => c.Name).ToList(),
            CategoryColors = model.Card.Classes.Select(c => c.Color).ToList(),
        }, Proto.RasterDataType.Uint8);
        if (p.Confidence is not null) outputs.AddRaster("confidence", input.WithBands([p.Confidence], ["confidence"]));
        if (p.Entropy is not null) outputs.AddRaster("entropy", input.WithBands([p.Entropy], ["entropy"]));
        var counts = model.Card.Classes.Select(c => p.Classes.LongCount(v => v == c.Id)).ToArray();
        outputs.Result.Message = $"predicted {input.Width}x{input.Height} with {model.Card.Arch} ({model.Card.Classes.Count} classes)";
        outputs.Result.ReportJson = JsonSerializer.Serialize(new
        {
            arch = model.Card.Arch, window = popts.Window, overlap = popts.Overlap,
            class_pixels = model.Card.Classes.Select((c, i) => new { c.Id, c.Name, pixels = counts[i] }),
            nodata_pixels = p.Classes.LongCount(v => v == 255),
        });
        context.Report(1, "done", outputs.Result.Message);
    }

    private sealed class SyncProgress(Action<double> a) : IProgress<double>
    {
        public void Report(double value) => a(value);
    }
}
