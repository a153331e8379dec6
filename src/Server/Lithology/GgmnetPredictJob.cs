using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Lithology.Data;
using GisBridge.Algorithms.Lithology.Inference;
using GisBridge.Algorithms.Lithology.Training;
using GisBridge.Algorithms.Lithology.Network;
using GisBridge.Server.Jobs;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Lithology;

/// <summary>
/// Inference (RPC Lithology.GgmnetPredict, verb `ggmnet-predict`): raster "input" (the model's bands), the model as
/// files "model" or options.model_path; outputs "lithology" (uint8 with class names and colours, 255 = nodata),
/// optionally "confidence" (max probability), "entropy" (nats) and "uncertainty" (test-time augmentation: mutual
/// information in nats between the class and 8 flips/rotations of each window, 0 where every view agrees). When the input is a file (CLI, or a local path
/// from the plugin) it is streamed: read by strips of window height and written to GeoTIFFs row by row, so a raster
/// larger than memory (20,000 x 20,000) runs in memory bounded by its width.
/// </summary>
public sealed class GgmnetPredictJob : IJob<Proto.GgmnetPredictOptions>
{
    public void Validate(Proto.GgmnetPredictOptions options)
    {
        OptionChecks.Range(options.Window, 8, 8192, "window");
        OptionChecks.Range(options.Overlap, 0, 0.9, "overlap");
        OptionChecks.Range(options.McDropoutSamples, 0, PredictorOptions.MaxMcDropoutSamples, "mc_dropout_samples");
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
        if (options.McDropoutSamples > 0 && !ClassifierDropout.Has(model.Network))
            throw new JobInputException("model", "Monte-Carlo dropout needs a model trained with dropout (ggmnet-train --dropout); " +
                $"this {model.Card.Arch} model has none");
        if (inputs.RasterFile("input") is { } file)
        {
            RunStreaming(options, model, file.Path, file.Crs, outputs, context, device);
            return;
        }
        context.Report(0.02, "reading", "reading the input raster");
        var input = inputs.Raster("input");
        if (input.Bands.Count != model.Card.InChannels)
            throw new JobInputException("input", $"the raster has {input.Bands.Count} bands, the model expects {model.Card.InChannels}" +
                (model.Card.BandNames.Count > 0 ? $" ({string.Join(", ", model.Card.BandNames)})" : ""));
        var popts = Options(options);
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
        if (p.Uncertainty is not null) outputs.AddRaster("uncertainty", input.WithBands([p.Uncertainty], ["uncertainty"]));
        var counts = model.Card.Classes.Select(c => p.Classes.LongCount(v => v == c.Id)).ToArray();
        var summary = new PredictionSummary(p.Classes.LongCount(v => v != 255), p.OutOfRangeCells);
        outputs.Result.Message = $"predicted {input.Width}x{input.Height} with {model.Card.Arch} ({model.Card.Classes.Count} classes)";
        outputs.Result.ReportJson = JsonSerializer.Serialize(new
        {
            arch = model.Card.Arch, window = popts.Window, overlap = popts.Overlap, uncertainty = UncertaintyMethod(popts),
            class_pixels = model.Card.Classes.Select((c, i) => new { c.Id, c.Name, pixels = counts[i] }),
            nodata_pixels = p.Classes.LongCount(v => v == 255), out_of_range_fraction = summary.OutOfRangeFraction,
            scale = CheckScale(model.Card, GridScale.CellSizeMetres(input.Transform, input.Width, input.Height, input.CrsKind, input.LinearUnitMetres), outputs),
        });
        WarnOutOfRange(outputs, summary);
        context.Report(1, "done", outputs.Result.Message);
    }

    // What the uncertainty raster is the spread over, for the report.
    private static string? UncertaintyMethod(PredictorOptions o) => (o.TestTimeAugmentation, o.McDropoutSamples) switch
    {
        (false, 0) => null,
        (true, 0) => "test-time augmentation: mutual information over the flips/rotations",
        (false, int n) => $"Monte-Carlo dropout: mutual information over {n} sampled networks",
        (true, int n) => $"test-time augmentation and Monte-Carlo dropout: mutual information over the flips/rotations x {n} samples",
    };

    // Inputs unlike the training data: the map there is an extrapolation, which the user should be told.
    private static void WarnOutOfRange(JobOutputs outputs, PredictionSummary summary)
    {
        if (summary.OutOfRangeFraction > 0.01)
            outputs.Warn($"{summary.OutOfRangeFraction:P1} of the input cells have a band more than {SlidingWindowPredictor.OutOfRangeZ} " +
                "training standard deviations from the training mean (outside the data the model learnt from): the map there is an extrapolation");
    }

    // Cells at another scale than the training tiles': the network meets shapes it never learnt, which no band
    // statistic shows (a model trained on 1 km cells calls a whole 18 km grid one class).
    private static ScaleReport CheckScale(ModelCard card, double? inputMetres, JobOutputs outputs)
    {
        double? training = card.TrainingCellSizeMetres, factor = GridScale.Factor(inputMetres, training);
        if (GridScale.IsMismatch(factor))
            outputs.Warn($"the input's cells are {Length(inputMetres!.Value)}, the model was trained on {Length(training!.Value)} cells " +
                $"({(factor > 1 ? factor : 1 / factor):0.#} times {(factor > 1 ? "larger" : "smaller")}): the network sees the anomalies at " +
                "another size than it learnt, so the map is unreliable even where the band values are in range; resample the input " +
                $"to about {Length(training.Value)} cells (gdalwarp -tr) or use a model trained at this scale");
        return new ScaleReport(inputMetres, training, factor);
    }

    private sealed record ScaleReport(
        [property: JsonPropertyName("cell_size_m")] double? CellSizeMetres,
        [property: JsonPropertyName("training_cell_size_m")] double? TrainingCellSizeMetres,
        [property: JsonPropertyName("factor")] double? Factor);

    private static string Length(double metres) =>
        metres >= 1000 ? (metres / 1000).ToString("0.# km", CultureInfo.InvariantCulture) : metres.ToString("0.# m", CultureInfo.InvariantCulture);

    // The streamed file's cell size, in the CRS the request names when it names one.
    private static double? CellSizeMetres(Io.Gdal.GdalBandRowReader reader, string requestedCrs)
    {
        var crs = string.IsNullOrWhiteSpace(requestedCrs) ? reader.Info.Crs : Io.Gdal.GdalCrs.Describe(requestedCrs);
        return GridScale.CellSizeMetres(reader.Info.Transform, reader.Width, reader.Height, crs.Kind, crs.LinearUnitMetres);
    }

    private static PredictorOptions Options(Proto.GgmnetPredictOptions options) => new()
    {
        Window = options.Window > 0 ? options.Window : 512,
        Overlap = options.Overlap > 0 ? options.Overlap : 0.25,
        WantConfidence = options.WantConfidence,
        WantEntropy = options.WantEntropy,
        TestTimeAugmentation = options.WantUncertainty,
        McDropoutSamples = options.McDropoutSamples,
    };

    private static void RunStreaming(Proto.GgmnetPredictOptions options, LithologyModel model, string path,
        string crs, JobOutputs outputs, JobContext context, string device)
    {
        using var reader = new Io.Gdal.GdalBandRowReader(path);
        if (reader.BandCount != model.Card.InChannels)
            throw new JobInputException("input", $"the raster has {reader.BandCount} bands, the model expects {model.Card.InChannels}" +
                (model.Card.BandNames.Count > 0 ? $" ({string.Join(", ", model.Card.BandNames)})" : ""));
        var popts = Options(options);
        string crsWkt = string.IsNullOrWhiteSpace(crs) ? reader.Info.CrsWkt : crs;
        using var writer = new GeoTiffPredictionWriter(Path.Combine(context.WorkDir, "prediction"), reader.Width, reader.Height,
            reader.Info.Transform, crsWkt, model.Card, popts.WantConfidence, popts.WantEntropy, popts.WantsUncertainty);
        var stage = context.Stage(0.02, 0.98);
        var summary = SlidingWindowPredictor.Predict(model.Network, model.Card.Classes.Count, model.Card.Normalization, reader, writer, popts,
            TorchRuntime.ResolveDevice(device), new SyncProgress(f => stage.Report((f, "predicting"))), context.Cancellation);
        writer.Complete();
        outputs.AddRasterFile("lithology", writer.LithologyPath, Proto.RasterDataType.Uint8);
        if (writer.ConfidencePath is { } c) outputs.AddRasterFile("confidence", c, Proto.RasterDataType.Float32);
        if (writer.EntropyPath is { } e) outputs.AddRasterFile("entropy", e, Proto.RasterDataType.Float32);
        if (writer.UncertaintyPath is { } u) outputs.AddRasterFile("uncertainty", u, Proto.RasterDataType.Float32);
        outputs.Result.Message = $"predicted {reader.Width}x{reader.Height} with {model.Card.Arch} ({model.Card.Classes.Count} classes, streamed)";
        outputs.Result.ReportJson = JsonSerializer.Serialize(new
        {
            arch = model.Card.Arch, window = popts.Window, overlap = popts.Overlap, uncertainty = UncertaintyMethod(popts), streamed = true,
            class_pixels = model.Card.Classes.Select(c => new { c.Id, c.Name, pixels = c.Id is >= 0 and < 255 ? writer.ClassPixels[c.Id] : 0 }),
            nodata_pixels = writer.ClassPixels[255], out_of_range_fraction = summary.OutOfRangeFraction,
            scale = CheckScale(model.Card, CellSizeMetres(reader, crs), outputs),
        });
        WarnOutOfRange(outputs, summary);
        context.Report(1, "done", outputs.Result.Message);
    }

    private sealed class SyncProgress(Action<double> a) : IProgress<double>
    {
        public void Report(double value) => a(value);
    }
}
