using System.Text.Json;
using GisBridge.Protocol.V1;
using GisBridge.Server.Analysis;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;
using GisBridge.Tests.Support;

namespace GisBridge.Server.Tests.Analysis;

/// <summary>The sample-rasters job on the real Gale et al. (2013) ridge basalts and the ETOPO1 10' grid.</summary>
public sealed class SampleRastersJobTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string Gale = SharedData.Path("geochem", "Gale_2013_MOR_Sample_Data.csv");
    private static readonly string Topography = SharedData.Path("gravity", "global-10arcmin", "earth-topography-10arcmin.nc");
    private readonly string _folder = Directory.CreateTempSubdirectory("gisbridge-sample-rasters-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (JobOutputs Outputs, Dictionary<string, string> Files) Run(SampleRastersOptions options, params string[] rasters)
    {
        var inputs = new JobInputs();
        inputs.AddFile(new InputFile("samples", Path.GetFileName(Gale), Gale));
        foreach (var r in rasters) inputs.AddFile(new InputFile("raster", Path.GetFileName(r), r));
        var outputs = new JobOutputs();
        var kept = new Dictionary<string, string>();
        using (var ctx = new JobContext(CancellationToken.None, _ => { }, _folder))
        {
            new SampleRastersJob().Run(options, inputs, outputs, ctx);
            foreach (var f in outputs.Items.OfType<FileOutput>())
            {
                var target = Path.Combine(_folder, "out-" + f.Name + Path.GetExtension(f.FileName));
                File.Copy(f.Path, target, overwrite: true);
                kept[f.Name] = target;
            }
        }
        output.WriteLine(outputs.Result.Message);
        return (outputs, kept);
    }

    [Fact]
    public void GaleSamplesGetTheSeafloorDepthAndACorrelationReport()
    {
        var options = new SampleRastersOptions { GroupField = "ridge" };
        options.Fields.Add("depth_etopo");
        var (outputs, files) = Run(options, Topography);
        var layer = OgrVectorReader.Read(files["samples"]);
        Assert.Equal(3218, layer.Features.Count);
        var depth = layer.Features.Select(f => f.Attributes["depth_etopo"] is { } v ? Convert.ToDouble(v) : double.NaN).ToArray();
        Assert.All(depth, d => Assert.True(double.IsFinite(d)));
        // Mid-ocean-ridge basalts are dredged from the axis, mostly 2-4 km deep (Gale et al. 2013 give the dredge depths).
        var sorted = depth.Order().ToArray();
        Assert.InRange(sorted[sorted.Length / 2], -4000, -2000);
        Assert.Contains("delta_sr,depth_etopo,(all)", File.ReadAllText(files["correlation"]));
        foreach (var chart in new[] { "heatmap_png", "scatter_png" })
            Assert.Equal(0x89, File.ReadAllBytes(files[chart])[0]);
        Assert.StartsWith("<?xml", File.ReadAllText(files["heatmap_svg"]));
        using var report = JsonDocument.Parse(outputs.Result.ReportJson);
        var pairs = report.RootElement.GetProperty("correlations").EnumerateArray().ToArray();
        Assert.Contains(pairs, p => p.GetProperty("group").ValueKind == JsonValueKind.String && p.GetProperty("group").GetString() == "SWIR");
    }

    [Fact]
    public void BadRequestsNameWhatIsWrong()
    {
        var unknown = new SampleRastersOptions();
        unknown.Correlate.Add("delta_8_4,ba_th");
        var e = Assert.Throws<JobInputException>(() => Run(unknown, Topography));
        Assert.Contains("'ba_th'", e.Message);

        var clash = new SampleRastersOptions();
        clash.Fields.Add("delta_8_4");
        Assert.Contains("already have a field 'delta_8_4'", Assert.Throws<JobInputException>(() => Run(clash, Topography)).Message);

        Assert.Contains("nearest", Assert.Throws<JobInputException>(() => Run(new SampleRastersOptions { Method = "cubic" }, Topography)).Message);
        Assert.Contains("at least one raster", Assert.Throws<JobInputException>(() => Run(new SampleRastersOptions())).Message);
        var notRaster = Assert.ThrowsAny<Exception>(() => Run(new SampleRastersOptions(), Gale));
        Assert.Contains("Gale_2013_MOR_Sample_Data.csv", notRaster.Message);
        Assert.Empty(Directory.GetFiles(_folder, "out-*"));
    }
}
