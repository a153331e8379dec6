using GisBridge.Server.Io.Gdal;
using Xunit.Abstractions;

namespace GisBridge.Server.Tests.Io.Gdal;

/// <summary>The direct libnetcdf read gives exactly what GDAL's own netCDF reads give, in GDAL's row order.</summary>
public sealed unsafe class NetCdfDirectReadTests(ITestOutputHelper output) : IDisposable
{
    private readonly GdalTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void GmtGrid_StoredSouthUp_IsReadDirectlyAndEqualsGdal()
    {
        var (direct, gdal) = BothReads(GdalTestFiles.Sample("gravity/grav.V18.par.surf.1km.sq.nc"));
        Assert.NotNull(direct);
        Assert.Equal(gdal, direct);
    }

    [Theory]
    [InlineData("YES")]
    [InlineData("NO")]
    public void GdalWrittenGrid_EitherRowOrder_IsReadDirectlyAndEqualsGdal(string bottomUp)
    {
        const int w = 37, h = 23;
        string path = _files.PathOf($"grid_{bottomUp}.nc");
        nint options = GdalNative.CSLAddString(0, "WRITE_BOTTOMUP=" + bottomUp);
        using (var ds = GdalDataset.Create("netCDF", path, w, h, 1, GdalNative.GDT_Float32, options))
        {
            GdalNative.CSLDestroy(options);
            double* gt = stackalloc double[] { 100, 1, 0, 50, 0, -1 };
            GdalNative.GDALSetGeoTransform(ds.Handle, gt);
            var values = new float[w * h];
            for (int i = 0; i < values.Length; i++) values[i] = i * 0.5f - 3; // every row different
            fixed (float* p = values)
                Assert.Equal(GdalNative.CE_None, GdalNative.GDALRasterIO(GdalNative.GDALGetRasterBand(ds.Handle, 1),
                    GdalNative.GF_Write, 0, 0, w, h, p, w, h, GdalNative.GDT_Float32, 0, 0));
            ds.CloseChecked();
        }
        var (direct, gdal) = BothReads(path);
        Assert.NotNull(direct);
        Assert.Equal(gdal, direct);
        Assert.Equal(-3f, gdal[0]); // first row north, as written
        Assert.Equal(gdal, GdalRasterReader.Read(path).Bands[0]);
    }

    [Fact]
    public void RowSymmetricGrid_IsLeftToGdal()
    {
        const int w = 8, h = 5;
        string path = _files.PathOf("symmetric.nc");
        using (var ds = GdalDataset.Create("netCDF", path, w, h, 1, GdalNative.GDT_Float32, 0))
        {
            var values = new float[w * h]; // rows 0 = 4 and 1 = 3: the row order cannot be told from the probes
            for (int r = 0; r < h; r++)
                for (int c = 0; c < w; c++) values[r * w + c] = Math.Min(r, h - 1 - r) * 10 + c;
            fixed (float* p = values)
                GdalNative.GDALRasterIO(GdalNative.GDALGetRasterBand(ds.Handle, 1), GdalNative.GF_Write, 0, 0, w, h, p, w, h,
                    GdalNative.GDT_Float32, 0, 0);
            ds.CloseChecked();
        }
        var (direct, gdal) = BothReads(path);
        Assert.Null(direct);
        Assert.Equal(gdal, GdalRasterReader.Read(path).Bands[0]);
    }

    private (float[]? Direct, float[] Gdal) BothReads(string path)
    {
        using var ds = GdalDataset.OpenReadOnly(path, GdalNative.GDAL_OF_RASTER, "raster");
        int w = GdalNative.GDALGetRasterXSize(ds.Handle), h = GdalNative.GDALGetRasterYSize(ds.Handle);
        nint band = GdalNative.GDALGetRasterBand(ds.Handle, 1);
        float[]? direct;
        lock (NetCdfDirectReader.Gate)
            direct = NetCdfRows.TryDirect(ds, band, w, h);
        var gdal = new float[w * h];
        fixed (float* p = gdal)
            Assert.Equal(GdalNative.CE_None, GdalNative.GDALRasterIO(band, GdalNative.GF_Read, 0, 0, w, h, p, w, h, GdalNative.GDT_Float32, 0, 0));
        output.WriteLine($"{Path.GetFileName(path)}: {w}x{h}, direct read {(direct is null ? "declined" : "used")}");
        return (direct, gdal);
    }
}
