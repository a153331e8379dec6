using System.Text.Json;
using GisBridge.Server.Cli;
using GisBridge.Server.Tests.Support;

namespace GisBridge.Server.Tests.Regions;

/// <summary>`classify train` with several input files, parsed and run as the launcher runs it.</summary>
[Collection("console")]
public class ClassifyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gisbridge-classify-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TrainsOnTwoFilesWithResamplingAndReportsEachSource()
    {
        string model = Path.Combine(_dir, "m.zip"), report = Path.Combine(_dir, "r.json");
        int rc = CliRoot.Create().Parse([
            "classify", "train", "--input", RepoPaths.Sample("geochem", "Gale_2013_MOR_Sample_Data.csv"),
            RepoPaths.Sample("geochem", "georoc", "WALVIS_RIDGE.csv"), "--label", "dupal", "--features", "delta_sr,eps_nd",
            "--resampling", "random-over", "--no-class-weights", "--no-region-cv", "--trainer", "lightgbm",
            "--model", model, "--report", report]).Invoke();
        Assert.Equal(0, rc);
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var loso = json.RootElement.GetProperty("leave_one_source_out");
        Assert.Equal(["Gale_2013_MOR_Sample_Data", "WALVIS_RIDGE"],
            loso.GetProperty("per_fold").EnumerateArray().Select(f => f.GetProperty("held_out").GetString()!));
        Assert.Contains("random-over", json.RootElement.GetProperty("class_imbalance").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("cross_source_duplicates").GetProperty("dropped").GetInt32());
        Assert.True(File.Exists(Path.ChangeExtension(model, ".json")));
        Assert.Equal(2, CliRoot.Create().Parse(["classify", "train", "--input", RepoPaths.Sample("geochem", "Gale_2013_MOR_Sample_Data.csv"),
            "--label", "dupal", "--features", "delta_sr", "--resampling", "bootstrap", "--model", model]).Invoke());
    }

    [Fact]
    public void CalibrationIsotonicRunsAndTheReportNamesIt()
    {
        string model = Path.Combine(_dir, "iso.zip"), report = Path.Combine(_dir, "iso.json"), chart = Path.Combine(_dir, "iso.png");
        string[] common = ["classify", "train", "--input", RepoPaths.Sample("geochem", "Gale_2013_MOR_Sample_Data.csv"), "--label", "dupal",
            "--features", "delta_sr,eps_nd", "--folds", "3", "--no-region-cv", "--model", model];
        Assert.Equal(0, CliRoot.Create().Parse([.. common, "--calibration", "isotonic", "--report", report, "--reliability-chart", chart]).Invoke());
        using (var json = JsonDocument.Parse(File.ReadAllText(report)))
        {
            var calibration = json.RootElement.GetProperty("calibration");
            Assert.Equal("isotonic", calibration.GetProperty("name").GetString());
            Assert.True(double.IsFinite(calibration.GetProperty("ece").GetDouble()));
        }
        Assert.True(File.Exists(Path.ChangeExtension(chart, ".svg")));
        // --calibrate still means Platt; an unknown method is refused by the parser.
        Assert.Equal(0, CliRoot.Create().Parse([.. common, "--calibrate", "--report", report]).Invoke());
        using (var json = JsonDocument.Parse(File.ReadAllText(report)))
            Assert.Equal("platt", json.RootElement.GetProperty("calibration").GetProperty("name").GetString());
        Assert.NotEqual(0, CliRoot.Create().Parse([.. common, "--calibration", "beta"]).Invoke());
    }
}
