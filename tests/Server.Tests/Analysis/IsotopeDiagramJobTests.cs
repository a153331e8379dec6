using GisBridge.Protocol.V1;
using GisBridge.Server.Analysis;
using GisBridge.Server.Jobs;
using GisBridge.Tests.Support;

namespace GisBridge.Server.Tests.Analysis;

public sealed class IsotopeDiagramJobTests
{
    private static readonly string Gale = SharedData.Path("geochem", "Gale_2013_MOR_Sample_Data.csv");

    private static JobOutputs Run(IsotopeDiagramOptions options, string samples, string folder)
    {
        var inputs = new JobInputs();
        inputs.AddFile(new InputFile("samples", Path.GetFileName(samples), samples));
        var outputs = new JobOutputs();
        using var ctx = new JobContext(CancellationToken.None, _ => { }, folder);
        new IsotopeDiagramJob().Run(options, inputs, outputs, ctx);
        foreach (var f in outputs.Items.OfType<FileOutput>())
            File.Copy(f.Path, Path.Combine(folder, "out-" + f.Name), overwrite: true);
        return outputs;
    }

    [Fact]
    public void GaleDiagramsColouredByRidgeAndBadRequests()
    {
        var folder = Directory.CreateTempSubdirectory("gisbridge-isotopes-").FullName;
        try
        {
            var outputs = Run(new IsotopeDiagramOptions { ColorField = "ridge", Width = 800, Height = 700 }, Gale, folder);
            Assert.Contains("pb206_pb204 828", outputs.Result.Message); // Gale et al. (2013): 828 samples with 206Pb/204Pb
            Assert.Equal(0x89, File.ReadAllBytes(Path.Combine(folder, "out-chart_png"))[0]);
            Assert.Contains("<svg", File.ReadAllText(Path.Combine(folder, "out-chart_svg")));
            Assert.Contains("'nowhere'", Assert.Throws<JobInputException>(() => Run(new IsotopeDiagramOptions { ColorField = "nowhere" }, Gale, folder)).Message);
            var noIsotopes = Path.Combine(folder, "majors.csv");
            File.WriteAllText(noIsotopes, "Sample,Latitude,Longitude,SiO2,MgO\nA,-40,80,50.1,7.2\nB,-41,81,49.8,7.9\n");
            Assert.Contains("none of the isotope ratios", Assert.Throws<JobInputException>(() => Run(new IsotopeDiagramOptions(), noIsotopes, folder)).Message);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
