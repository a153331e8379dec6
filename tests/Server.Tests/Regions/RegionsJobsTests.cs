using System.Text.Json;
using GisBridge.Protocol.V1;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;
using GisBridge.Server.Regions;
using ProtoBoundaryOptions = GisBridge.Protocol.V1.DupalBoundaryOptions;

namespace GisBridge.Server.Tests.Regions;

public sealed class RegionsJobsTests(ITestOutputHelper output) : IDisposable
{
    private readonly RegionsTestData _data = new();

    public void Dispose() => _data.Dispose();

    private (JobOutputs Outputs, Dictionary<string, string> Files) Run<T>(IJob<T> job, T options, params (string Name, string Path)[] files) =>
        _data.Run(job, options, output, [("samples", _data.SamplesPath), .. files]);

    [Fact]
    public void ClusterJobWritesClusteredSamplesRegionsAndCentroids()
    {
        var options = new ClusterRegionsOptions { KMin = 2, KMax = 4, LogTransform = false };
        options.Features.Add("delta_8_4,delta_sr,la_sm");
        var (outputs, files) = Run(new ClusterRegionsJob(), options);
        var samples = OgrVectorReader.Read(files["samples"]);
        Assert.Equal(120, samples.Features.Count);
        Assert.Equal(2, samples.Features.Select(f => f.Attributes["cluster"]).Distinct().Count());
        Assert.All(samples.Features, f => Assert.InRange((double)f.Attributes["membership"]!, 0, 1));
        var regions = OgrVectorReader.Read(files["regions"]);
        Assert.Equal(2, regions.Features.Count);
        Assert.Contains("median_delta_8_4", File.ReadLines(files["centroids"]).First());
        using var report = JsonDocument.Parse(outputs.Result.ReportJson);
        Assert.Equal(2, report.RootElement.GetProperty("clusters").GetInt32());
        Assert.Equal(3, report.RootElement.GetProperty("curve").GetArrayLength());
    }

    [Fact]
    public void ClusterJobNamesAFeatureThatIsNotThere()
    {
        var options = new ClusterRegionsOptions();
        options.Features.Add("delta_8_4,ba_nb");
        var e = Assert.Throws<ArgumentException>(() => Run(new ClusterRegionsJob(), options));
        Assert.Contains("'ba_nb'", e.Message);
    }

    [Fact]
    public void TrainedModelPredictsTheSamplesBack()
    {
        var train = new ClassifyAnomaliesOptions { Mode = ClassifyMode.Train, Label = "dupal", BlockSizeDegrees = 5, Folds = 3, RankIndicators = true, Trainer = "lightgbm" };
        train.Features.Add("delta_sr,la_sm");
        var (trained, files) = Run(new ClassifyAnomaliesJob(), train);
        using (var report = JsonDocument.Parse(trained.Result.ReportJson))
        {
            var cv = report.RootElement.GetProperty("cross_validation");
            Assert.True(cv.GetProperty("balanced_accuracy").GetDouble() > 0.9);
            Assert.Equal(2, report.RootElement.GetProperty("ranking").GetProperty("elimination").GetArrayLength());
        }
        Assert.Contains("\"features\"", File.ReadAllText(files["model_info"]));
        var (predicted, outFiles) = Run(new ClassifyAnomaliesJob(), new ClassifyAnomaliesOptions { Mode = ClassifyMode.Predict }, ("model", files["model"]));
        var samples = OgrVectorReader.Read(outFiles["samples"]);
        int agree = samples.Features.Count(f => Convert.ToDouble(f.Attributes["predicted"]) == Convert.ToDouble(f.Attributes["dupal"]));
        Assert.True(agree > 110, $"{agree} of 120 predicted right");
        Assert.All(samples.Features, f => Assert.InRange((double)f.Attributes["probability"]!, 0.5, 1));
    }

    [Fact]
    public void UnknownLabelFieldIsNamed()
    {
        var options = new ClassifyAnomaliesOptions { Mode = ClassifyMode.Train, Label = "nothing" };
        options.Features.Add("delta_sr");
        var e = Assert.Throws<ArgumentException>(() => Run(new ClassifyAnomaliesJob(), options));
        Assert.Contains("'nothing'", e.Message);
    }

    [Fact]
    public void BoundaryJobFindsBothStepsAndJoinsThem()
    {
        var (outputs, files) = Run(new DupalBoundaryJob(), new ProtoBoundaryOptions { GroupField = "Province" });
        Assert.Equal(["boundary_line", "change_points", "ridge_segments"], OgrVectorReader.LayerNames(files["boundary"]).Order());
        var points = OgrVectorReader.Read(files["boundary"], "change_points").Features;
        Assert.Equal(2, points.Count);
        var west = points.Single(p => (string)p.Attributes["group_name"]! == "west");
        Assert.Equal(99.75, west.Geometry!.Coordinate.X, 0.6);
        Assert.Equal(1, Convert.ToInt32(west.Attributes["crosses_threshold"]));
        Assert.Single(OgrVectorReader.Read(files["boundary"], "boundary_line").Features);
        Assert.Contains("\"change_points\"", outputs.Result.ReportJson);
    }

    [Fact]
    public void ProfileJobWritesPngSvgAndTable()
    {
        var options = new RidgeProfileOptions { GroupField = "Province", Title = "test" };
        options.Indices.Add("delta_8_4,la_sm");
        var (_, files) = Run(new RidgeProfileJob(), options);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(files["chart_png"])[..4]);
        Assert.Contains("<svg", File.ReadAllText(files["chart_svg"]));
        var lines = File.ReadAllLines(files["table"]);
        Assert.Equal("group,row,position,longitude,latitude,delta_8_4,la_sm", lines[0]);
        Assert.Equal(121, lines.Length);
    }
}
