using GisBridge.Server.Regions;

namespace GisBridge.Server.Tests.Regions;

public class IndexLabelsTests
{
    [Fact]
    public void ChartLabelsAreTheOnesThePluginsLegendsUse()
    {
        // The plugin's table (labels.py) is the other side of the same names: both must say the same.
        string plugin = File.ReadAllText(Path.Combine(Io.Gdal.GdalTestFiles.RepoRoot, "qgis-plugin", "gisbridge", "labels.py"));
        foreach (var field in new[] { "delta_8_4", "delta_sr", "mg_number", "na8", "eps_nd" })
            Assert.Contains($"\"{field}\": \"{IndexLabels.Of(field)}\"", plugin);
        Assert.Equal("Δ8/4 (Hart 1984)", IndexLabels.Of("delta_8_4"));
        Assert.Equal("εNd", IndexLabels.Of("eps_nd"));
        Assert.Equal("rows kept", IndexLabels.Of("rows_kept"));
    }
}
