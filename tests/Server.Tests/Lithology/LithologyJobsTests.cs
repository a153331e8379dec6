using GisBridge.Algorithms.Lithology.Synthetic;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;
using GisBridge.Server.Lithology;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Tests.Lithology;

public sealed class LithologyJobsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gisbridge-litho-tests-" + Guid.NewGuid().ToString("N"));
    private readonly GdalGeoIo _geo = new();

    public LithologyJobsTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private JobContext Context() => new(CancellationToken.None, _ => { }, _root);

    private static List<InputFile> Files(JobOutputs outputs, string name) =>
        outputs.Items.OfType<FileOutput>().Where(f => f.Name == name).Select(f => new InputFile(name, f.FileName, f.Path)).ToList();

    /// <summary>The dataset files of a SynthGravity job of 4 tiles of 32 cells, 3 classes.</summary>
    private List<InputFile> SynthDataset(JobContext ctx, int seed)
    {
        var synth = new JobOutputs();
        new SynthGravityJob(_geo, new GisBridge.Server.Hosting.ServerOptions()).Run(new Proto.SynthGravityOptions { Tiles = 4, Size = 32, Classes = 3, Seed = seed }, new JobInputs(), synth, ctx);
        return Files(synth, "dataset");
    }

    [Fact]
    public void SynthDatasetRoundTripsThroughGeoTiffAndTrainsAndPredicts()
    {
        using var ctx = Context();
        var files = SynthDataset(ctx, seed: 5);
        Assert.Contains(files, f => f.FileName == "classes.json");
        Assert.Contains(files, f => f.FileName == "images/synth_0000.tif");
        var read = LithologyFiles.ReadDataset(_geo, files);
        var expected = SyntheticDataset.Generate(new SyntheticGravityOptions { Tiles = 4, Size = 32, Classes = 3, Seed = 5 });
        Assert.Equal(expected.ContentHash(), read.ContentHash()); // float32 bands and uint8 labels survive GeoTIFF exactly

        var trainInputs = new JobInputs();
        files.ForEach(trainInputs.AddFile);
        var trained = new JobOutputs();
        new GgmnetTrainJob(_geo).Run(new Proto.GgmnetTrainOptions { Arch = "unet", Epochs = 1, BatchSize = 2, Crop = 32 }, trainInputs, trained, ctx);
        var model = Files(trained, "model");
        Assert.Equal(3, model.Count); // card, TorchSharp weights, safetensors weights
        var trainedCard = GisBridge.Algorithms.Lithology.Training.ModelCard.FromJson(File.ReadAllText(model.Single(f => f.FileName == LithologyFiles.CardFile).Path));
        Assert.Equal(1000, trainedCard.TrainingCellSizeMetres); // synth-gravity's default cell, read back from the tiles' transforms

        var predictInputs = new JobInputs();
        model.ForEach(predictInputs.AddFile);
        predictInputs.AddRaster("input", () => _geo.ReadRaster(files.Single(f => f.FileName == "images/synth_0001.tif").Path));
        var predicted = new JobOutputs();
        new GgmnetPredictJob().Run(new Proto.GgmnetPredictOptions { WantConfidence = true, Window = 16 }, predictInputs, predicted, ctx);
        var rasters = predicted.Items.OfType<RasterOutput>().ToList();
        Assert.Equal(["lithology", "confidence"], rasters.Select(r => r.Name));
        Assert.Equal(["Granite", "Sandstone", "Basalt"], rasters[0].Grid.CategoryNames);
        Assert.All(rasters[0].Grid.Bands[0], v => Assert.InRange(v, 0, 2));
    }

    [Fact]
    public void ADropoutModelGivesMonteCarloUncertaintyAndOneWithoutIsRefused()
    {
        using var ctx = Context();
        var files = SynthDataset(ctx, seed: 6);
        List<InputFile> Train(double dropout)
        {
            var inputs = new JobInputs();
            files.ForEach(inputs.AddFile);
            var trained = new JobOutputs();
            new GgmnetTrainJob(_geo).Run(new Proto.GgmnetTrainOptions { Arch = "unet", Epochs = 1, BatchSize = 2, Crop = 32, Dropout = dropout }, inputs, trained, ctx);
            return Files(trained, "model");
        }
        JobOutputs Predict(List<InputFile> model, int samples)
        {
            var inputs = new JobInputs();
            model.ForEach(inputs.AddFile);
            inputs.AddRaster("input", () => _geo.ReadRaster(files.Single(f => f.FileName == "images/synth_0001.tif").Path));
            var predicted = new JobOutputs();
            new GgmnetPredictJob().Run(new Proto.GgmnetPredictOptions { Window = 16, McDropoutSamples = samples }, inputs, predicted, ctx);
            return predicted;
        }
        var withDropout = Train(0.3);
        using (var card = System.Text.Json.JsonDocument.Parse(File.ReadAllText(withDropout.Single(f => f.FileName.EndsWith(".card.json")).Path)))
            Assert.Equal(0.3, card.RootElement.GetProperty("config").GetProperty("dropout").GetDouble());
        var predicted = Predict(withDropout, 4);
        var rasters = predicted.Items.OfType<RasterOutput>().ToList();
        Assert.Equal(["lithology", "uncertainty"], rasters.Select(r => r.Name));
        Assert.All(rasters[1].Grid.Bands[0], u => Assert.InRange(u, 0f, (float)Math.Log(3) + 1e-5f));
        Assert.Contains(rasters[1].Grid.Bands[0], u => u > 0);
        Assert.Contains("Monte-Carlo dropout", predicted.Result.ReportJson);
        var e = Assert.Throws<JobInputException>(() => Predict(Train(0), 4));
        Assert.Contains("trained with dropout", e.Message);
        Assert.Contains("mc_dropout_samples", Assert.Throws<JobInputException>(() => Predict(withDropout, 65)).Message);
        Assert.Contains("dropout", Assert.Throws<JobInputException>(() => Train(1.0)).Message);
    }

    [Fact]
    public void EvaluationAtHeldOutPointsScoresThePointsCellsInTheirTiles()
    {
        using var ctx = Context();
        var files = SynthDataset(ctx, seed: 7);
        var dataset = LithologyFiles.ReadDataset(_geo, files);
        var inputs = new JobInputs();
        files.ForEach(inputs.AddFile);
        var trained = new JobOutputs();
        new GgmnetTrainJob(_geo).Run(new Proto.GgmnetTrainOptions { Arch = "unet", Epochs = 1, BatchSize = 2, Crop = 32 }, inputs, trained, ctx);
        var modelDir = Path.GetDirectoryName(Files(trained, "model")[0].Path)!;

        // Three points in the first tile (the synthetic tiles share one local frame: x = column, y = height - row).
        var tile = dataset.Tiles[0];
        var cells = new[] { (3, 4), (20, 9), (31, 31) };
        var points = cells.Select(c => new GisBridge.Algorithms.Lithology.Data.HoldoutPoint(c.Item1, c.Item2,
            c.Item2 + 0.5, tile.Height - c.Item1 - 0.5, (byte)((c.Item1 + c.Item2) % 3))).ToList();
        var holdout = LithologyFiles.WriteHoldout(points, ctx.WorkDir);
        var evalInputs = new JobInputs();
        files.ForEach(evalInputs.AddFile);
        evalInputs.AddFile(new InputFile("dataset", holdout.FileName, holdout.Path));
        var evaluated = new JobOutputs();
        new GgmnetEvaluateJob(_geo).Run(new GgmnetEvaluateOptions("holdout", Window: 32, ModelPath: modelDir), evalInputs, evaluated, ctx);
        using var report = System.Text.Json.JsonDocument.Parse(evaluated.Result.ReportJson);
        Assert.Equal(3, report.RootElement.GetProperty("points").GetInt32());

        // The same cells of a direct prediction of that tile, in the report's confusion matrix (rows = truth).
        using var model = LithologyFiles.ReadModel(modelDir, "cpu");
        var classes = GisBridge.Algorithms.Lithology.Inference.SlidingWindowPredictor.Predict(model.Network, 3, model.Card.Normalization,
            tile.Bands, tile.Width, tile.Height, new GisBridge.Algorithms.Lithology.Inference.PredictorOptions { Window = 32 }, TorchSharp.torch.CPU).Classes;
        var expected = new long[3, 3];
        foreach (var p in points) expected[p.ClassId, classes[p.Row * tile.Width + p.Col]]++;
        var confusion = report.RootElement.GetProperty("confusion").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();
        for (int t = 0; t < 3; t++) for (int q = 0; q < 3; q++) Assert.Equal(expected[t, q], confusion[t][q]);

        var e = Assert.Throws<JobInputException>(() => new GgmnetEvaluateJob(_geo).Run(new GgmnetEvaluateOptions("holdout", ModelPath: modelDir), inputs, new JobOutputs(), ctx));
        Assert.Contains("--holdout-points", e.Message);
    }

    /// <summary>A model folder of the tiny configuration with random weights; the input channels follow the normalisation.</summary>
    private string WriteTinyModel(string name, string arch, GisBridge.Algorithms.Lithology.Data.LithologyClass[] classes,
        GisBridge.Algorithms.Lithology.Data.ChannelNormalization normalization, int seed, double? trainingCellSizeMetres = null)
    {
        var card = new GisBridge.Algorithms.Lithology.Training.ModelCard
        {
            Arch = arch,
            Config = GisBridge.Algorithms.Lithology.Network.NetworkConfig.Tiny,
            InChannels = normalization.Channels,
            Classes = classes,
            Normalization = normalization,
            TrainingCellSizeMetres = trainingCellSizeMetres,
        };
        var modelDir = Path.Combine(_root, name);
        using (var model = GisBridge.Algorithms.Lithology.Training.LithologyModel.Create(card, seed))
            LithologyFiles.WriteModel(model, modelDir);
        return modelDir;
    }

    [Fact]
    public void MissingInputsAreClearErrors()
    {
        using var ctx = Context();
        Assert.Contains("tiles", Assert.Throws<JobInputException>(() =>
            new SynthGravityJob(_geo, new GisBridge.Server.Hosting.ServerOptions()).Run(new Proto.SynthGravityOptions(), new JobInputs(), new JobOutputs(), ctx)).Message);
        Assert.Contains("classes.json", Assert.Throws<JobInputException>(() =>
            new GgmnetTrainJob(_geo).Run(new Proto.GgmnetTrainOptions { Epochs = 1 }, new JobInputs(), new JobOutputs(), ctx)).Message);
        Assert.Contains("model", Assert.Throws<JobInputException>(() =>
            new GgmnetPredictJob().Run(new Proto.GgmnetPredictOptions(), new JobInputs(), new JobOutputs(), ctx)).Message);
    }

    [Fact]
    public void AbsurdSyntheticDatasetIsAResourceLimitNamingTheSizes()
    {
        using var ctx = Context();
        var job = new SynthGravityJob(_geo, new GisBridge.Server.Hosting.ServerOptions { MaxRasterBytes = 1 << 20 });
        var e = Assert.Throws<ResourceLimitException>(() =>
            job.Run(new Proto.SynthGravityOptions { Tiles = 1000, Size = 1000 }, new JobInputs(), new JobOutputs(), ctx));
        Assert.Contains("1000 tiles of 1000x1000", e.Message);
    }

    [Fact]
    public void OneLargeSyntheticTileIsBoundedByItsWorkingMemoryNotOnlyByTheDatasetItLeaves()
    {
        // One 4096 x 4096 tile leaves a 218 MB dataset but its forward model works on float64 spectra of an
        // 8192 x 8192 grid: over 4 GB, more than the default 2 GB per job. Refused before any work.
        var job = new SynthGravityJob(_geo, new GisBridge.Server.Hosting.ServerOptions());
        var e = Assert.Throws<ResourceLimitException>(() => job.Validate(new Proto.SynthGravityOptions { Tiles = 1, Size = 4096 }));
        Assert.Contains("1 tiles of 4096x4096", e.Message);
        job.Validate(new Proto.SynthGravityOptions { Tiles = 40, Size = 256 });
    }

    [Fact]
    public void AnInputAtAnotherScaleThanTheTrainingCellsIsWarnedAboutInMemoryAndStreamed()
    {
        using var ctx = Context();
        var modelDir = WriteTinyModel("model-1km", "unet", [new(0, "Granite", "#d04040"), new(1, "Basalt", "#406080")],
            new([0f], [1f]), seed: 2, trainingCellSizeMetres: 1000);
        var band = Enumerable.Range(0, 32 * 24).Select(i => MathF.Sin(i * 0.1f)).ToArray();
        // 10' cells at 40-44 N (about 14 x 18.5 km) in WGS 84, and 1.2 km cells in UTM 33N.
        double d = 10.0 / 60;
        var lonLat = new GisBridge.Algorithms.Common.RasterGrid(32, 24, new GisBridge.Algorithms.Common.GeoTransform(10, d, 0, 44, 0, -d), [band])
        { CrsWkt = _geo.ToWkt("EPSG:4326", "crs"), CrsKind = GisBridge.Algorithms.Common.CrsKind.Geographic };
        var utm = new GisBridge.Algorithms.Common.RasterGrid(32, 24, new GisBridge.Algorithms.Common.GeoTransform(500_000, 1200, 0, 4_800_000, 0, -1200), [band])
        { CrsWkt = _geo.ToWkt("EPSG:32633", "crs"), CrsKind = GisBridge.Algorithms.Common.CrsKind.Projected };
        var options = new Proto.GgmnetPredictOptions { ModelPath = modelDir, Window = 16 };

        System.Text.Json.JsonElement Scale(JobOutputs o) => System.Text.Json.JsonDocument.Parse(o.Result.ReportJson).RootElement.GetProperty("scale");
        foreach (bool streamed in new[] { false, true })
        {
            JobOutputs Predict(GisBridge.Algorithms.Common.RasterGrid grid, string name)
            {
                var inputs = new JobInputs();
                var path = Path.Combine(_root, $"{name}.tif");
                _geo.WriteRaster(path, grid, Proto.RasterDataType.Float32);
                if (streamed) inputs.AddRasterFile("input", path, _geo);
                else inputs.AddRaster("input", () => _geo.ReadRaster(path));
                var outputs = new JobOutputs();
                new GgmnetPredictJob().Run(options, inputs, outputs, ctx);
                return outputs;
            }
            var coarse = Predict(lonLat, $"lonlat-{streamed}");
            // Middle row at 42 N: 6371 km x (pi / 1080) x sqrt(cos 42 deg), about 16.0 km.
            double expected = 6_371_008.8 * Math.PI / 1080 * Math.Sqrt(Math.Cos(42 * Math.PI / 180));
            Assert.Equal(expected, Scale(coarse).GetProperty("cell_size_m").GetDouble(), expected * 1e-9);
            Assert.Equal(1000, Scale(coarse).GetProperty("training_cell_size_m").GetDouble());
            Assert.Equal(expected / 1000, Scale(coarse).GetProperty("factor").GetDouble(), 1e-9);
            var warning = Assert.Single(coarse.Result.Warnings, w => w.Contains("trained on 1 km cells"));
            Assert.Contains("16 km", warning);
            Assert.Contains("16 times larger", warning);

            var near = Predict(utm, $"utm-{streamed}");
            Assert.Equal(1.2, Scale(near).GetProperty("factor").GetDouble(), 1e-9);
            Assert.DoesNotContain(near.Result.Warnings, w => w.Contains("cells"));
        }
    }

    [Fact]
    public void PredictionStreamedFromAFileEqualsTheInMemoryOneAndKeepsClassesAndGeoreferencing()
    {
        using var ctx = Context();
        var modelDir = WriteTinyModel("model", "ggmnet",
            [new(0, "Granite", "#d04040"), new(1, "Basalt", "#406080"), new(2, "Shale", "#808060")], new([0f, 1f], [1f, 2f]), seed: 4);
        int w = 70, h = 53;
        var bands = new[] { new float[w * h], new float[w * h] };
        for (int i = 0; i < w * h; i++) { bands[0][i] = MathF.Sin(i * 0.013f) * 3; bands[1][i] = (i % w) * 0.1f - (i / w) * 0.05f; }
        bands[1][17 * w + 40] = float.NaN;
        var grid = new GisBridge.Algorithms.Common.RasterGrid(w, h, new GisBridge.Algorithms.Common.GeoTransform(10, 0.01, 0, 50, 0, -0.01), bands)
        { CrsWkt = _geo.ToWkt("EPSG:4326", "crs"), CrsKind = GisBridge.Algorithms.Common.CrsKind.Geographic };
        var inputPath = Path.Combine(_root, "input.tif");
        _geo.WriteRaster(inputPath, grid, Proto.RasterDataType.Float32);
        var options = new Proto.GgmnetPredictOptions { ModelPath = modelDir, WantConfidence = true, WantEntropy = true, Window = 32, Overlap = 0.3 };

        var inMemory = new JobInputs();
        inMemory.AddRaster("input", () => _geo.ReadRaster(inputPath));
        var a = new JobOutputs();
        new GgmnetPredictJob().Run(options, inMemory, a, ctx);
        var streamed = new JobInputs();
        streamed.AddRasterFile("input", inputPath, _geo);
        var b = new JobOutputs();
        new GgmnetPredictJob().Run(options, streamed, b, ctx);

        var expected = a.Items.OfType<RasterOutput>().ToList();
        var files = b.Items.OfType<RasterFileOutput>().ToList();
        Assert.Equal(["lithology", "confidence", "entropy"], files.Select(f => f.Name));
        for (int k = 0; k < 3; k++)
        {
            var got = _geo.ReadRaster(files[k].Path);
            // The in-memory class grid holds 255 for nodata; read back from the GeoTIFF, nodata is NaN.
            var want = k == 0 ? Array.ConvertAll(expected[k].Grid.Bands[0], v => v == 255 ? float.NaN : v) : expected[k].Grid.Bands[0];
            Assert.Equal(want, got.Bands[0]); // NaN == NaN for float arrays
            Assert.Equal(grid.Transform, got.Transform);
            Assert.Equal(GisBridge.Algorithms.Common.CrsKind.Geographic, got.CrsKind);
        }
        var classes = _geo.ReadRaster(files[0].Path);
        Assert.Equal(["Granite", "Basalt", "Shale"], classes.CategoryNames);
        Assert.Equal("#406080", classes.CategoryColors[1]);
        Assert.True(float.IsNaN(classes.Bands[0][17 * w + 40])); // nodata 255 reads back as NaN
        Assert.Contains("streamed", b.Result.Message);

        var wrong = new JobInputs();
        var oneBand = Path.Combine(_root, "one-band.tif");
        _geo.WriteRaster(oneBand, new GisBridge.Algorithms.Common.RasterGrid(w, h, grid.Transform, [bands[0]]), Proto.RasterDataType.Float32);
        wrong.AddRasterFile("input", oneBand, _geo);
        Assert.Contains("expects 2", Assert.Throws<JobInputException>(() => new GgmnetPredictJob().Run(options, wrong, new JobOutputs(), ctx)).Message);
    }
}
