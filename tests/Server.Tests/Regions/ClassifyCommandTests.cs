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
}
