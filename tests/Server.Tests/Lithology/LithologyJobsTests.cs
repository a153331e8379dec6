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

    [Fact]
    public void SynthDatasetRoundTripsThroughGeoTiffAndTrainsAndPredicts()
    {
        using var ctx = Context();
        var synth = new JobOutputs();
        new SynthGravityJob(_geo, new GisBridge.Server.Hosting.ServerOptions()).Run(new Proto.SynthGravityOptions { Tiles = 4, Size = 32, Classes = 3, Seed = 5 }, new JobInputs(), synth, ctx);
        var files = Files(synth, "dataset");
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
    public void MissingInputsAreClearErrors()
    {
        using var ctx = Context();
        Assert.Contains("tiles", Assert.Throws<JobInputException>(() =>
            new SynthGravityJob(_geo, new GisBridge.Server.Hosting.ServerOptions()).Run(new Proto.SynthGravityOptions(), new JobInputs(), new JobOutputs(), ctx)).Message);
        Assert.Contains("classes.json", Assert.Throws<JobInputException>(() =>
            new GgmnetTrainJob(_geo).Run(new Proto.GgmnetTrainOptions(), new JobInputs(), new JobOutputs(), ctx)).Message);
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
}
