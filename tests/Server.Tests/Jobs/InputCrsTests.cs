using System.Diagnostics;
using GisBridge.Algorithms.Common;
using GisBridge.Server.Gravity;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;
using GisBridge.Server.Tests.Io.Gdal;
using GisBridge.Tests.Support;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Tests.Jobs;

/// <summary>
/// The CRS of an input: the request's (the QGIS layer's) wins over the file's; a GMT netCDF grid, which has
/// longitude/latitude axes but no CRS, is taken as EPSG:4326 with a warning instead of being refused.
/// </summary>
public sealed class InputCrsTests : IDisposable
{
    private readonly GdalTestFiles _files = new();
    private readonly GdalGeoIo _geo = new();

    public void Dispose() => _files.Dispose();

    /// <summary>A 20 x 20 degree crop of the global EIGEN-6C4 grid, cut by GMT itself (gridline registered, no CRS).</summary>
    private string GmtCrop()
    {
        string path = _files.PathOf("crop.nc");
        var gmt = Process.Start(new ProcessStartInfo("gmt", ["grdcut",
            SharedData.Path("gravity", "global-10arcmin", "earth-gravity-10arcmin.nc"), "-R60/80/-40/-20", "-G" + path])
        { RedirectStandardError = true, WorkingDirectory = _files.Folder })!; // GMT leaves gmt.history in its folder
        string error = gmt.StandardError.ReadToEnd();
        gmt.WaitForExit();
        Assert.True(gmt.ExitCode == 0, $"gmt grdcut failed: {error}");
        Assert.Equal("", GdalRasterReader.Inspect(path).CrsWkt); // the premise: GMT writes no CRS
        return path;
    }

    private JobOutputs Continue(JobInputs inputs)
    {
        var options = new Proto.UpwardContinuationOptions();
        options.Heights.Add(10000);
        var outputs = new JobOutputs();
        using var context = new JobContext(CancellationToken.None, _ => { }, _files.Folder);
        new UpwardContinuationJob().Run(options, inputs, outputs, context);
        outputs.AddInputWarnings(inputs);
        return outputs;
    }

    [Fact]
    public void GmtGridWithoutCrsIsContinuedAsEpsg4326WithAWarning()
    {
        string path = GmtCrop();
        var inputs = new JobInputs();
        inputs.AddRasterFile("input", path, _geo);

        var outputs = Continue(inputs);

        var warning = Assert.Single(outputs.Result.Warnings, w => w.Contains("EPSG:4326"));
        Assert.Contains("no CRS", warning);
        Assert.Contains("Layer Properties", warning);
        var rasters = outputs.Items.OfType<RasterOutput>().ToList();
        Assert.Equal(["regional", "residual"], rasters.Select(r => r.Name));
        foreach (var r in rasters)
        {
            Assert.Equal(CrsKind.Geographic, r.Grid.CrsKind);
            Assert.Equal(GdalTestFiles.Wkt("EPSG:4326"), r.Grid.CrsWkt);
        }
        // regional + residual = input (the job may overwrite its input, so it is read again)
        var input = _geo.ReadRaster(path).Bands[0];
        var (reg, res) = (rasters[0].Grid.Bands[0], rasters[1].Grid.Bands[0]);
        for (int i = 0; i < input.Length; i++) Assert.Equal(input[i], reg[i] + res[i], 2);
    }

    [Fact]
    public void TheRequestsCrsWinsOverTheFilesAndNeedsNoWarning()
    {
        var inputs = new JobInputs();
        inputs.AddRasterFile("input", GmtCrop(), _geo, "EPSG:4258"); // the layer's CRS as set in QGIS: ETRS89

        var grid = inputs.Raster("input");

        Assert.Equal(CrsKind.Geographic, grid.CrsKind);
        Assert.Equal(GdalTestFiles.Wkt("EPSG:4258"), grid.CrsWkt);
        Assert.Empty(inputs.Warnings);
    }

    [Fact]
    public void AnUnknownRequestedCrsIsRefusedNamingTheField()
    {
        var inputs = new JobInputs();
        inputs.AddRasterFile("input", GmtCrop(), _geo, "EPSG:999999");

        var e = Assert.Throws<ArgumentException>(() => inputs.Raster("input"));

        Assert.Contains("input.crs_wkt", e.Message);
    }

    [Fact]
    public void GridsInMetresWithoutCrsAreNotTakenAsDegrees()
    {
        var metres = new RasterGrid(8, 8, new GeoTransform(500_000, 1000, 0, 4_000_000, 0, -1000), [new float[64]]);
        var global = new RasterGrid(2161, 1081, new GeoTransform(-180 - 1 / 12.0, 1 / 6.0, 0, 90 + 1 / 12.0, 0, -1 / 6.0),
            [new float[2161 * 1081]]);
        var warnings = new List<string>();

        Assert.Same(metres, InputCrs.Settle(metres, "", "input", _geo, warnings.Add));
        Assert.Empty(warnings);
        Assert.Equal(CrsKind.Geographic, InputCrs.Settle(global, "", "input", _geo, warnings.Add).CrsKind);
        Assert.Single(warnings);
    }
}
