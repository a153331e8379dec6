using GisBridge.Algorithms.Common;
using GisBridge.Server.Io.Gdal;
using Xunit.Abstractions;

namespace GisBridge.Server.Tests.Io.Gdal;

public sealed class GdalRasterReaderTests(ITestOutputHelper output) : IDisposable
{
    private readonly GdalTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Library_LoadsSystemGdal_AndReportsVersion()
    {
        string version = GdalLibrary.Version;
        output.WriteLine($"GDAL {version} from {GdalLibrary.LoadedFrom}");
        Assert.StartsWith("3.", version);
        Assert.NotEmpty(GdalLibrary.LoadedFrom);
    }

    [Fact]
    public void PackedNetcdf_IsUnpackedWithScaleAndOffset()
    {
        var grid = GdalRasterReader.Read(GdalTestFiles.Sample("gravity/mb.par.surf.1km.sq.nc"));
        var v = grid.Bands[0];
        float min = v.Where(float.IsFinite).Min(), max = v.Where(float.IsFinite).Max();
        output.WriteLine($"mb: {grid.Width}x{grid.Height} min {min} max {max} nodata {grid.NoData} NaN {v.Count(float.IsNaN)} name '{grid.BandNames[0]}'");
        Assert.Equal(160, grid.Width);
        Assert.Equal(160, grid.Height);
        Assert.InRange(min, -5021.1f, -5020.9f); // raw int16 would be -32754
        Assert.InRange(max, -2200.5f, -2200.3f); // raw would be 32767
        Assert.Equal(0, v.Count(float.IsNaN));
        Assert.Equal(-32768.0, grid.NoData); // raw nodata kept, not rescaled
    }

    [Fact]
    public void GravityGrid_HasExpectedStatistics_AndNoCrs()
    {
        var grid = GdalRasterReader.Read(GdalTestFiles.Sample("gravity/grav.V18.par.surf.1km.sq.nc"));
        var v = grid.Bands[0];
        double mean = v.Average(x => (double)x);
        output.WriteLine($"grav: {grid.Width}x{grid.Height} min {v.Min()} max {v.Max()} mean {mean:F3} CrsKind {grid.CrsKind} " +
            $"wkt '{grid.CrsWkt}' gt {string.Join(",", grid.Transform.ToArray())}");
        Assert.Equal(160, grid.Width);
        Assert.Equal(160, grid.Height);
        Assert.Equal(-60.02, v.Min(), 2);
        Assert.Equal(33.83, v.Max(), 2);
        Assert.Equal(-14.33, mean, 2);
        // The GMT grid carries no CRS (Cartesian metres without a definition): GDAL reports none.
        Assert.Equal(CrsKind.Unknown, grid.CrsKind);
        Assert.Equal(new GeoTransform(-84500, 1000, 0, 81500, 0, -1000), grid.Transform);
    }

    [Fact]
    public void Inspect_ReportsHeaderWithoutPixels()
    {
        var info = GdalRasterReader.Inspect(GdalTestFiles.Sample("gravity/mb.par.surf.1km.sq.nc"));
        output.WriteLine($"{info.Driver} {info.Width}x{info.Height} {info.Bands[0]}");
        Assert.Equal("netCDF", info.Driver);
        Assert.Equal(25600, info.Cells);
        Assert.Single(info.Bands);
        Assert.Equal("Int16", info.Bands[0].DataType);
        Assert.Equal(0.0430485034, info.Bands[0].Scale, 9);
        Assert.Equal(-3611, info.Bands[0].Offset);
        Assert.Equal(-32768, info.Bands[0].NoData);
    }

    [Fact]
    public void NoData_IsComparedOnRawValuesBeforeScaling()
    {
        // Raw Int16 raster with two nodata cells, seen through a VRT that adds scale and offset.
        string raw = _files.PathOf("raw.tif");
        var grid = new RasterGrid(3, 2, new GeoTransform(0, 1, 0, 2, 0, -1), [[1, float.NaN, 3, -4, 5, float.NaN]]) { NoData = -32768 };
        GdalRasterWriter.WriteGeoTiff(raw, grid, RasterPixelType.Int16);
        string vrt = _files.PathOf("scaled.vrt");
        File.WriteAllText(vrt, """
            <VRTDataset rasterXSize="3" rasterYSize="2">
              <VRTRasterBand dataType="Int16" band="1">
                <NoDataValue>-32768</NoDataValue>
                <Offset>-3611</Offset>
                <Scale>0.5</Scale>
                <SimpleSource><SourceFilename relativeToVRT="1">raw.tif</SourceFilename><SourceBand>1</SourceBand></SimpleSource>
              </VRTRasterBand>
            </VRTDataset>
            """);
        var read = GdalRasterReader.Read(vrt).Bands[0];
        Assert.Equal([-3610.5f, float.NaN, -3609.5f, -3613f, -3608.5f, float.NaN], read);
    }

    [Fact]
    public void Float32NoData_MatchesTheNearestFloat()
    {
        string raw = _files.PathOf("f32.tif");
        GdalRasterWriter.WriteGeoTiff(raw, new RasterGrid(2, 1, new GeoTransform(0, 1, 0, 1, 0, -1), [[1.5f, float.MinValue]]));
        string vrt = _files.PathOf("f32.vrt");
        // The nodata text is a rounded form of float.MinValue (-3.4028234663852886e38), as often found in files.
        File.WriteAllText(vrt, """
            <VRTDataset rasterXSize="2" rasterYSize="1">
              <VRTRasterBand dataType="Float32" band="1">
                <NoDataValue>-3.4028234e+38</NoDataValue>
                <SimpleSource><SourceFilename relativeToVRT="1">f32.tif</SourceFilename><SourceBand>1</SourceBand></SimpleSource>
              </VRTRasterBand>
            </VRTDataset>
            """);
        Assert.Equal([1.5f, float.NaN], GdalRasterReader.Read(vrt).Bands[0]);
    }

    [Fact]
    public void MissingFile_IsReportedWithItsPath()
    {
        string path = _files.PathOf("nothing-here.tif");
        var e = Assert.Throws<GdalException>(() => GdalRasterReader.Read(path));
        output.WriteLine(e.Message);
        Assert.Equal(GdalErrorKind.FileNotFound, e.Kind);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void TextFile_IsNotARaster()
    {
        string path = _files.PathOf("notes.tif");
        File.WriteAllText(path, "these are field notes, not a raster\n");
        var e = Assert.Throws<GdalException>(() => GdalRasterReader.Read(path));
        output.WriteLine(e.Message);
        Assert.Equal(GdalErrorKind.NotSupported, e.Kind);
        Assert.Contains(path, e.Message);
        Assert.Contains("not a raster", e.Message);
    }

    [Fact]
    public void ComplexBand_IsRefused()
    {
        // A 2x2 complex float32 ENVI raster written by hand.
        string data = _files.PathOf("complex.dat");
        File.WriteAllBytes(data, new byte[2 * 2 * 8]);
        File.WriteAllText(_files.PathOf("complex.hdr"),
            "ENVI\nsamples = 2\nlines = 2\nbands = 1\nheader offset = 0\nfile type = ENVI Standard\ndata type = 6\ninterleave = bsq\nbyte order = 0\n");
        var e = Assert.Throws<GdalException>(() => GdalRasterReader.Read(data));
        output.WriteLine(e.Message);
        Assert.Equal(GdalErrorKind.NotSupported, e.Kind);
        Assert.Contains("CFloat32", e.Message);
        Assert.True(GdalRasterReader.Inspect(data).Bands[0].IsComplex);
    }

    [Fact]
    public void TooLargeRaster_IsAResourceLimit()
    {
        var options = new RasterReadOptions { MaxCells = 10_000 };
        var e = Assert.Throws<GdalException>(() => GdalRasterReader.Read(GdalTestFiles.Sample("gravity/mb.par.surf.1km.sq.nc"), null, options));
        output.WriteLine(e.Message);
        Assert.Equal(GdalErrorKind.ResourceLimit, e.Kind);
        Assert.Contains("25,600", e.Message);
    }

    [Fact]
    public void BandOutOfRange_IsAnArgumentError()
    {
        var e = Assert.Throws<ArgumentException>(() => GdalRasterReader.Read(GdalTestFiles.Sample("gravity/mb.par.surf.1km.sq.nc"), 2));
        Assert.Contains("band 2", e.Message);
    }

    [Fact]
    public void DescribeCrs_ReadsKindUnitAndEllipsoid()
    {
        var feet = GdalRasterReader.DescribeCrs(GdalTestFiles.Wkt("EPSG:2227")); // California zone 3, US survey feet
        Assert.Equal(CrsKind.Projected, feet.Kind);
        Assert.Equal(0.3048006, feet.LinearUnitMetres, 6);
        Assert.Equal(6378137.0, feet.SemiMajorAxis, 3);
        var geographic = GdalRasterReader.DescribeCrs(GdalTestFiles.Wkt("EPSG:4326"));
        Assert.Equal(CrsKind.Geographic, geographic.Kind);
        Assert.Equal("EPSG:4326", geographic.Authority);
        Assert.Equal(298.257223563, geographic.InverseFlattening, 6);
        Assert.Equal(CrsKind.Unknown, GdalRasterReader.DescribeCrs("").Kind);
    }
}
