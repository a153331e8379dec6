using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Io.Sep;
using GisBridge.Server.Jobs;
using GisBridge.Server.Lithology;
using GisBridge.Tests.Support;

namespace GisBridge.Server.Tests.Io.Sep;

/// <summary>The map's own unit colours (the Rondônia case's unit_colors.csv) reach the classes of a dataset.</summary>
public class ClassColorTableTests
{
    private static string Case(params string[] parts) => SharedData.Path(["lithology", "rondonia-cprm", .. parts]);

    [Fact]
    public void TheMapsUnitColoursColourTheClassesNamedInIt()
    {
        var colours = ClassColorTable.Read(Case("unit_colors.csv"));
        // Rows of the file, read by eye: "14,250,206,128,255,NP1_gamma_ro" and "49,255,255,0,255,NQi".
        Assert.Equal("#face80", colours["NP1_gamma_ro"]);
        Assert.Equal("#ffff00", colours["NQi"]);
        var grid = GdalRasterReader.Read(Case("features_tif", "srtm300m.tif"));
        var geology = OgrVectorReader.Read(Case("target", "Litologia.gpkg"));
        var labels = GeologyLabels.Rasterize(geology, "SIGLA_UNID", grid, colours);
        var named = labels.Classes.Where(c => colours.ContainsKey(c.Name)).ToList();
        Assert.NotEmpty(named);
        Assert.All(named, c => Assert.Equal(colours[c.Name], c.Color));
        Assert.Contains(labels.Classes, c => c.Name == "NP1_gamma_ro" && c.Color == "#face80");
    }

    [Theory]
    [InlineData("14,250,206,128,255\n", "5 columns")]
    [InlineData("14,250,x,128,255,NQi\n", "'x' is not a colour component")]
    [InlineData("14,250,300,128,255,NQi\n", "'300' is not a colour component")]
    [InlineData("14,250,206,128,255, \n", "the unit (6th column) is empty")]
    public void ABadRowIsNamedWithItsLine(string text, string expected)
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("gb-colours-").FullName, "colours.csv");
        File.WriteAllText(path, "49,255,255,0,255,NQi\n" + text);
        try
        {
            var e = Assert.Throws<JobInputException>(() => ClassColorTable.Read(path));
            Assert.Contains("colours.csv line 2", e.Message);
            Assert.Contains(expected, e.Message);
        }
        finally { Directory.Delete(Path.GetDirectoryName(path)!, true); }
    }
}
