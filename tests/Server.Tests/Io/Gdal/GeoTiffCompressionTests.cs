using GisBridge.Algorithms.Common;
using GisBridge.Server.Io.Gdal;

namespace GisBridge.Server.Tests.Io.Gdal;

public sealed class GeoTiffCompressionTests : IDisposable
{
    private readonly GdalTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(null, true, GeoTiffCompression.Zstd)]
    [InlineData("", false, GeoTiffCompression.Deflate)]
    [InlineData(" Deflate ", true, GeoTiffCompression.Deflate)]
    [InlineData("none", true, GeoTiffCompression.None)]
    [InlineData("ZSTD", true, GeoTiffCompression.Zstd)]
    public void Parse_ChoosesByNameOrAvailability(string? setting, bool zstd, GeoTiffCompression expected) =>
        Assert.Equal(expected, GeoTiffCompressions.Parse(setting, zstd));

    [Theory]
    [InlineData("lzma", true, "not a GeoTIFF compression")]
    [InlineData("zstd", false, "without ZSTD")]
    public void Parse_RefusesWhatCannotBeWritten_NamingTheVariable(string setting, bool zstd, string reason)
    {
        var e = Assert.Throws<ArgumentException>(() => GeoTiffCompressions.Parse(setting, zstd));
        Assert.Contains(GeoTiffCompressions.EnvironmentVariable, e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Theory]
    [InlineData(GeoTiffCompression.Zstd, "ZSTD")]
    [InlineData(GeoTiffCompression.Deflate, "DEFLATE")]
    [InlineData(GeoTiffCompression.None, null)]
    public void WrittenFile_CarriesTheCompression_AndTheSameValues(GeoTiffCompression compression, string? tag)
    {
        var values = Enumerable.Range(0, 300 * 200).Select(i => MathF.Sin(i * 0.001f) * 50).ToArray();
        values[17] = float.NaN;
        var grid = new RasterGrid(300, 200, new GeoTransform(0, 1000, 0, 200000, 0, -1000), [values]);
        string path = _files.PathOf($"{compression}.tif");
        GdalRasterWriter.WriteGeoTiff(path, grid, RasterPixelType.Float32, compression);
        using (var ds = GdalDataset.OpenReadOnly(path, GdalNative.GDAL_OF_RASTER, "raster"))
        {
            string written = GdalNative.Str(GdalNative.GDALGetMetadataItem(ds.Handle, "COMPRESSION", "IMAGE_STRUCTURE"));
            Assert.Equal(tag ?? "", written);
        }
        Assert.Equal(values, GdalRasterReader.Read(path).Bands[0]);
    }
}
