using GisBridge.Algorithms.Common;
using GisBridge.Server.Io.Gdal;
using Xunit.Abstractions;

namespace GisBridge.Server.Tests.Io.Gdal;

public sealed class GdalRasterWriterTests(ITestOutputHelper output) : IDisposable
{
    private readonly GdalTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static RasterGrid Ramp(int width, int height, GeoTransform gt, string crsWkt, int bands = 1) =>
        new(width, height, gt, Enumerable.Range(0, bands)
            .Select(b => Enumerable.Range(0, width * height).Select(i => b * 1000 + i * 0.25f - 7).ToArray()).ToList())
        { CrsWkt = crsWkt };

    [Fact]
    public void BandUnits_AreWrittenAsGdalUnitTypes_AndReadBack()
    {
        var grid = Ramp(6, 4, new GeoTransform(60, 0.25, 0, -20, 0, -0.25), GdalTestFiles.Wkt("EPSG:4326"), bands: 2).WithUnits("mGal");
        string path = _files.PathOf("units.tif");
        GdalRasterWriter.WriteGeoTiff(path, grid);
        Assert.Equal(["mGal", "mGal"], GdalRasterReader.Read(path).BandUnits);
        // GDAL's own tool sees them too (what QGIS and other GDAL clients read).
        var psi = new System.Diagnostics.ProcessStartInfo("gdalinfo", [path]) { RedirectStandardOutput = true };
        using var gdalinfo = System.Diagnostics.Process.Start(psi)!;
        string text = gdalinfo.StandardOutput.ReadToEnd();
        gdalinfo.WaitForExit();
        Assert.Equal(2, text.Split('\n').Count(l => l.Trim() == "Unit Type: mGal"));
    }

    [Theory]
    [InlineData("EPSG:4326", CrsKind.Geographic)]
    [InlineData("EPSG:32733", CrsKind.Projected)] // UTM 33 south
    public void Float32_RoundTrip_KeepsValuesTransformCrsAndNoData(string epsg, CrsKind kind)
    {
        var gt = kind == CrsKind.Geographic ? new GeoTransform(60, 0.25, 0, -20, 0, -0.25) : new GeoTransform(500000, 1000, 0, 8000000, 0, -1000);
        var source = Ramp(7, 5, gt, GdalTestFiles.Wkt(epsg), bands: 2);
        source.Bands[0][3] = float.NaN;
        var grid = source.WithBands(source.Bands, ["residual", "regional"]);
        string path = _files.PathOf("roundtrip.tif");
        GdalRasterWriter.WriteGeoTiff(path, grid);

        var info = GdalRasterReader.Inspect(path);
        var back = GdalRasterReader.Read(path);
        output.WriteLine($"{epsg}: {info.Driver} {info.Bands[0].DataType} nodata {info.Bands[0].NoData} authority {info.Crs.Authority}");
        Assert.Equal("GTiff", info.Driver);
        Assert.Equal("Float32", info.Bands[0].DataType);
        Assert.Equal(gt, back.Transform);
        Assert.Equal(kind, back.CrsKind);
        Assert.Equal(epsg, info.Crs.Authority);
        Assert.Equal(grid.Bands[0], back.Bands[0]);
        Assert.Equal(grid.Bands[1], back.Bands[1]);
        Assert.True(float.IsNaN(back.Bands[0][3]));
        Assert.Equal(["residual", "regional"], back.BandNames);
        Assert.True(double.IsNaN(info.Bands[0].NoData!.Value));
    }

    [Fact]
    public void SouthUpGrid_KeepsItsPositivePixelHeight()
    {
        var gt = new GeoTransform(-84000, 1000, 0, -78000, 0, 1000); // row 0 is the southern edge, as in netCDF files
        var grid = Ramp(4, 3, gt, "");
        string path = _files.PathOf("southup.tif");
        GdalRasterWriter.WriteGeoTiff(path, grid, RasterPixelType.Float64);
        var back = GdalRasterReader.Read(path);
        Assert.Equal(gt, back.Transform);
        Assert.False(back.Transform.IsNorthUp);
        Assert.Equal(grid.Bands[0], back.Bands[0]);
        Assert.Equal(CrsKind.Unknown, back.CrsKind);
    }

    [Fact]
    public void Int16_WithFileNoData_WritesNaNAsThatValue()
    {
        var grid = new RasterGrid(2, 2, new GeoTransform(0, 1, 0, 2, 0, -1), [[-5021.2f, float.NaN, 12.6f, 0]]) { NoData = -32768 };
        string path = _files.PathOf("int16.tif");
        GdalRasterWriter.WriteGeoTiff(path, grid, RasterPixelType.Int16);
        var info = GdalRasterReader.Inspect(path);
        Assert.Equal("Int16", info.Bands[0].DataType);
        Assert.Equal(-32768, info.Bands[0].NoData);
        Assert.Equal([-5021f, float.NaN, 13f, 0f], GdalRasterReader.Read(path).Bands[0]); // rounded to nearest
    }

    [Fact]
    public void Byte_WithCategoriesAndColours_RoundTrips()
    {
        var labels = new float[] { 0, 1, 2, float.NaN, 2, 1 };
        var grid = new RasterGrid(3, 2, new GeoTransform(100, 10, 0, 200, 0, -10), [labels])
        {
            CrsWkt = GdalTestFiles.Wkt("EPSG:32743"),
            CategoryNames = ["basalt", "gabbro", "sediment"],
            CategoryColors = ["#1f77b4", "#ff7f0e", "#2CA02C"],
            BandNames = ["lithology"],
        };
        string path = _files.PathOf("classes.tif");
        GdalRasterWriter.WriteGeoTiff(path, grid, RasterPixelType.Byte);
        var info = GdalRasterReader.Inspect(path);
        var back = GdalRasterReader.Read(path);
        output.WriteLine($"files: {string.Join(", ", Directory.GetFiles(_files.Folder).Select(Path.GetFileName))}");
        Assert.Equal("Byte", info.Bands[0].DataType);
        Assert.Equal(255, info.Bands[0].NoData);
        Assert.Equal(labels, back.Bands[0]);
        Assert.Equal(["basalt", "gabbro", "sediment"], back.CategoryNames);
        Assert.Equal(["#1f77b4", "#ff7f0e", "#2ca02c"], back.CategoryColors);
        Assert.Equal(["lithology"], back.BandNames);
    }

    [Fact]
    public void FailedWrite_LeavesNoPartialFile_AndKeepsTheOldOne()
    {
        string path = _files.PathOf("result.tif");
        var good = new RasterGrid(2, 2, new GeoTransform(0, 1, 0, 2, 0, -1), [[1, 2, 3, 4]]);
        GdalRasterWriter.WriteGeoTiff(path, good, RasterPixelType.Byte);
        byte[] before = File.ReadAllBytes(path);

        // Row 1 holds a value a Byte raster cannot store: the write fails after the temporary file was created.
        var bad = new RasterGrid(2, 2, new GeoTransform(0, 1, 0, 2, 0, -1), [[5, 6, 300, 8]]);
        var e = Assert.Throws<ArgumentException>(() => GdalRasterWriter.WriteGeoTiff(path, bad, RasterPixelType.Byte));
        output.WriteLine(e.Message);
        Assert.Contains("300", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["result.tif"], Directory.GetFiles(_files.Folder).Select(Path.GetFileName));
        Assert.Equal([1f, 2f, 3f, 4f], GdalRasterReader.Read(path).Bands[0]);
    }

    [Fact]
    public void MissingFolder_IsReported()
    {
        string path = Path.Combine(_files.Folder, "no-such-folder", "out.tif");
        var grid = new RasterGrid(1, 1, new GeoTransform(0, 1, 0, 1, 0, -1), [[1]]);
        var e = Assert.Throws<DirectoryNotFoundException>(() => GdalRasterWriter.WriteGeoTiff(path, grid));
        Assert.Contains("no-such-folder", e.Message);
    }

    [Fact]
    public void ValidValueEqualToNoData_IsRefused()
    {
        var grid = new RasterGrid(2, 1, new GeoTransform(0, 1, 0, 1, 0, -1), [[0, 7]]) { NoData = 0 };
        var e = Assert.Throws<ArgumentException>(() => GdalRasterWriter.WriteGeoTiff(_files.PathOf("x.tif"), grid, RasterPixelType.Int32));
        Assert.Contains("nodata", e.Message);
        Assert.Empty(Directory.GetFiles(_files.Folder));
    }

    [Fact]
    public void BadColour_IsAnArgumentError()
    {
        var grid = new RasterGrid(1, 1, new GeoTransform(0, 1, 0, 1, 0, -1), [[0]]) { CategoryColors = ["red"] };
        var e = Assert.Throws<ArgumentException>(() => GdalRasterWriter.WriteGeoTiff(_files.PathOf("x.tif"), grid, RasterPixelType.Byte));
        Assert.Contains("'red'", e.Message);
    }
}
