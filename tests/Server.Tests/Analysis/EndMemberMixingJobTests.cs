using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GisBridge.Algorithms.Isotopes;
using GisBridge.Protocol.V1;
using GisBridge.Server.Analysis;
using GisBridge.Server.Jobs;
using GisBridge.Server.Regions;
using GisBridge.Tests.Support;

namespace GisBridge.Server.Tests.Analysis;

public sealed class EndMemberMixingJobTests(ITestOutputHelper output)
{
    private static readonly string Gale = SharedData.Path("geochem", "Gale_2013_MOR_Sample_Data.csv");
    private static readonly string[] Names = ["DMM", "EM1", "EM2", "HIMU", "FOZO"];
    private static readonly double[][] Truth =
    [
        [0.70, 0.10, 0.05, 0.05, 0.10],
        [0.20, 0.50, 0.10, 0.00, 0.20],
        [0.10, 0.00, 0.60, 0.20, 0.10],
        [0.05, 0.05, 0.05, 0.80, 0.05],
        [0.25, 0.15, 0.15, 0.15, 0.30],
    ];

    private static JobOutputs Run(EndMemberMixingOptions options, string samples, string folder)
    {
        var inputs = new JobInputs();
        inputs.AddFile(new InputFile("samples", Path.GetFileName(samples), samples));
        var outputs = new JobOutputs();
        using var ctx = new JobContext(CancellationToken.None, _ => { }, folder);
        new EndMemberMixingJob().Run(options, inputs, outputs, ctx);
        foreach (var f in outputs.Items.OfType<FileOutput>())
            File.Copy(f.Path, Path.Combine(folder, "out-" + f.Name + ".gpkg"), overwrite: true);
        return outputs;
    }

    /// <summary>Mixtures written out independently of the code under test: R = Σ f C R / Σ f C (C = 1 when linear).</summary>
    private static string Mixtures(string folder, double[][] ratios, double[][] concentrations)
    {
        var sb = new StringBuilder("Sample,Latitude,Longitude,87Sr/86Sr,143Nd/144Nd,206Pb/204Pb,207Pb/204Pb,208Pb/204Pb\n");
        for (int s = 0; s < Truth.Length; s++)
        {
            var cells = new List<string> { "S" + s, "-40", (60 + s).ToString(CultureInfo.InvariantCulture) };
            for (int j = 0; j < 5; j++)
            {
                double num = 0, den = 0;
                for (int e = 0; e < 5; e++) { num += Truth[s][e] * concentrations[e][j] * ratios[e][j]; den += Truth[s][e] * concentrations[e][j]; }
                cells.Add((num / den).ToString("R", CultureInfo.InvariantCulture));
            }
            sb.AppendLine(string.Join(",", cells));
        }
        var path = Path.Combine(folder, "mixtures.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    private void AssertRecovered(string folder)
    {
        var result = SampleTableIo.Read(Path.Combine(folder, "out-samples.gpkg"), "samples");
        double worst = Enumerable.Range(0, Truth.Length).Max(s => Enumerable.Range(0, 5)
            .Max(e => Math.Abs(Truth[s][e] - result.Numeric("em_" + Names[e].ToLowerInvariant())[s])));
        output.WriteLine($"largest proportion error {worst:E2}");
        for (int s = 0; s < Truth.Length; s++)
        {
            for (int e = 0; e < 5; e++)
                Assert.Equal(Truth[s][e], result.Numeric("em_" + Names[e].ToLowerInvariant())[s], 0.02);
            Assert.Equal(Names[Array.IndexOf(Truth[s], Truth[s].Max())], result.Text(EndMemberMixingJob.DominantField)[s]);
            Assert.Equal(5, result.Numeric(EndMemberMixingJob.RatiosUsedField)[s]);
            Assert.True(result.Numeric(EndMemberMixingJob.MisfitField)[s] < 1e-3);
        }
    }

    [Fact]
    public void LinearMixturesOfTheTabulatedEndMembersAreRecovered()
    {
        var folder = Directory.CreateTempSubdirectory("gisbridge-mixing-").FullName;
        try
        {
            var ratios = MantleEndMembers.All.Select(e => e.Ratios.Select(r => r.Value).ToArray()).ToArray();
            var ones = Enumerable.Range(0, 5).Select(_ => new double[] { 1, 1, 1, 1, 1 }).ToArray();
            var outputs = Run(new EndMemberMixingOptions(), Mixtures(folder, ratios, ones), folder);
            AssertRecovered(folder);
            var report = JsonNode.Parse(outputs.Result.ReportJson)!;
            Assert.Equal("linear", (string?)report["mixing"]!["pb206_pb204"]);
            Assert.Equal(5, report["end_members"]!.AsArray().Count);
            Assert.Contains("Workman & Hart (2005)", (string?)report["end_members"]![0]!["sr87_sr86"]!["citation"]);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public void ConcentrationWeightedMixturesOfGivenEndMembersAreRecovered()
    {
        var folder = Directory.CreateTempSubdirectory("gisbridge-mixing-").FullName;
        try
        {
            // The tabulated ratios with concentrations chosen for the test (Sr, Nd, Pb ppm; not published values).
            double[][] ppm = [[8, 0.6, 0.02], [60, 4, 0.3], [90, 6, 0.5], [30, 2, 0.08], [15, 1, 0.05]];
            var ratios = MantleEndMembers.All.Select(e => e.Ratios.Select(r => r.Value).ToArray()).ToArray();
            var concentrations = ppm.Select(c => new[] { c[0], c[1], c[2], c[2], c[2] }).ToArray();
            var options = new EndMemberMixingOptions();
            for (int e = 0; e < 5; e++)
                options.Compositions.Add(new EndMemberComposition
                {
                    Name = Names[e], Sr87Sr86 = ratios[e][0], Nd143Nd144 = ratios[e][1], Pb206Pb204 = ratios[e][2], Pb207Pb204 = ratios[e][3],
                    Pb208Pb204 = ratios[e][4], SrPpm = ppm[e][0], NdPpm = ppm[e][1], PbPpm = ppm[e][2], Citation = "test values",
                });
            var outputs = Run(options, Mixtures(folder, ratios, concentrations), folder);
            AssertRecovered(folder);
            Assert.Contains("sr87_sr86 weighted by Sr concentration", outputs.Result.Message);
            Assert.Contains("pb208_pb204 weighted by Pb concentration", outputs.Result.Message);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public void GaleRidgeBasaltsAndBadRequests()
    {
        var folder = Directory.CreateTempSubdirectory("gisbridge-mixing-").FullName;
        try
        {
            var outputs = Run(new EndMemberMixingOptions { EndMembers = { "DMM,EM1,EM2,HIMU" } }, Gale, folder);
            var result = SampleTableIo.Read(Path.Combine(folder, "out-samples.gpkg"), "samples");
            var dmm = result.Numeric("em_dmm");
            var fitted = Enumerable.Range(0, result.RowCount).Where(i => double.IsFinite(dmm[i])).ToArray();
            Assert.True(fitted.Length > 500, $"{fitted.Length} samples fitted"); // Gale et al. (2013): 828 with 206Pb/204Pb
            foreach (int i in fitted)
            {
                double sum = new[] { "em_dmm", "em_em1", "em_em2", "em_himu" }.Sum(f => result.Numeric(f)[i]);
                Assert.Equal(1, sum, 1e-6);
                Assert.True(result.Numeric(EndMemberMixingJob.RatiosUsedField)[i] >= 3);
            }
            Assert.False(result.HasNumeric("em_fozo"));
            // Ridge basalts are mostly depleted mantle: DMM dominates most of them.
            Assert.True(fitted.Count(i => result.Text(EndMemberMixingJob.DominantField)[i] == "DMM") > fitted.Length / 2);

            Assert.Contains("'PREMA'", Assert.Throws<JobInputException>(() => Run(new EndMemberMixingOptions { EndMembers = { "DMM", "PREMA" } }, Gale, folder)).Message);
            Assert.Contains("at least two", Assert.Throws<JobInputException>(() => Run(new EndMemberMixingOptions { EndMembers = { "DMM" } }, Gale, folder)).Message);
            Assert.Contains("'u238_pb204'", Assert.Throws<JobInputException>(() => Run(new EndMemberMixingOptions { Ratios = { "u238_pb204" } }, Gale, folder)).Message);
            Assert.Contains("min_ratios", Assert.Throws<JobInputException>(() => Run(new EndMemberMixingOptions { Ratios = { "sr87_sr86" } }, Gale, folder)).Message);
            var bad = new EndMemberMixingOptions();
            bad.Compositions.Add(new EndMemberComposition { Name = "A", Sr87Sr86 = -0.7 });
            bad.Compositions.Add(new EndMemberComposition { Name = "B", Sr87Sr86 = 0.71 });
            Assert.Contains("must be positive", Assert.Throws<JobInputException>(() => Run(bad, Gale, folder)).Message);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
