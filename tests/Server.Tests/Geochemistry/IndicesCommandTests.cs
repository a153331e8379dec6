using GisBridge.Server.Cli;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Tests.Support;

namespace GisBridge.Server.Tests.Geochemistry;

/// <summary>The `indices` verb, parsed and run as the launcher runs it.</summary>
[Collection("console")]
public class IndicesCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gisbridge-indices-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static int Invoke(params string[] args) => CliRoot.Create().Parse(args).Invoke();

    [Fact]
    public void Indices_WritesGeoPackageCsvAndReport()
    {
        string gpkg = Path.Combine(_dir, "out.gpkg"), csv = Path.Combine(_dir, "out.csv"), report = Path.Combine(_dir, "report.json");
        int rc = Invoke("indices", "--input", RepoPaths.Sample("geochem", "georoc", "WALVIS_RIDGE.csv"), "--format", "georoc",
            "--output", gpkg, "--csv", csv, "--report", report, "--below-detection", "half", "--na8-method", "gale-2014", "--na8-slope", "-0.3");
        Assert.Equal(0, rc);
        Assert.Equal(236, OgrVectorReader.Read(gpkg).Features.Count);
        Assert.Equal(237, File.ReadAllLines(csv).Length);
        var json = File.ReadAllText(report);
        Assert.Contains("\"format\": \"georoc\"", json);
        Assert.Contains("(-0.3) (8 - MgO)", json);
    }

    [Fact]
    public void Mapping_OverridesAColumn()
    {
        string input = Path.Combine(_dir, "odd.csv"), gpkg = Path.Combine(_dir, "odd.gpkg");
        File.WriteAllText(input, "Y,X,MgO,Pb6,Pb8\n-40,80,7,18.0,38.5\n");
        int rc = Invoke("indices", "--input", input, "--output", gpkg, "--mapping", "Y=latitude,X=longitude,Pb6=pb206_pb204,Pb8=pb208_pb204");
        Assert.Equal(0, rc);
        var f = Assert.Single(OgrVectorReader.Read(gpkg).Features);
        Assert.Equal((38.5 - 1.209 * 18.0 - 15.627) * 100, (double)f.Attributes["delta_8_4"]!, 9);
    }

    [Theory]
    [InlineData("--format", "xls", "format 'xls'")]
    [InlineData("--na8-method", "magic", "na8 method 'magic'")]
    [InlineData("--below-detection", "zero", "--below-detection")]
    public void BadArguments_ExitWith2(string option, string value, string _)
    {
        int rc = Invoke("indices", "--input", RepoPaths.Sample("geochem", "georoc", "s_AMSTERDAM-ST_PAUL.csv"), "--output", Path.Combine(_dir, "x.gpkg"), option, value);
        Assert.Equal(2, rc);
        Assert.False(File.Exists(Path.Combine(_dir, "x.gpkg")));
    }

    [Fact]
    public void MissingInputAndEmptyFile_ExitWith2()
    {
        Assert.Equal(2, Invoke("indices", "--input", Path.Combine(_dir, "none.csv"), "--output", Path.Combine(_dir, "x.gpkg")));
        string empty = Path.Combine(_dir, "empty.csv");
        File.WriteAllText(empty, "");
        Assert.Equal(2, Invoke("indices", "--input", empty, "--output", Path.Combine(_dir, "x.gpkg")));
    }

    [Fact]
    public void OutputThatCannotBeWritten_ExitsWith2_AndLeavesNothing()
    {
        string notAFolder = Path.Combine(_dir, "file.txt");
        File.WriteAllText(notAFolder, "a file where the output's folder should be");
        var error = new StringWriter();
        var old = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(2, Invoke("indices", "--input", RepoPaths.Sample("geochem", "georoc", "WALVIS_RIDGE.csv"),
                "--output", Path.Combine(notAFolder, "out.gpkg")));
        }
        finally
        {
            Console.SetError(old);
        }
        Assert.Contains("cannot write the outputs", error.ToString());
        Assert.Equal([notAFolder], Directory.GetFileSystemEntries(_dir));
    }
}
