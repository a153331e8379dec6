using GisBridge.Algorithms.Common;

namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// A one-band tiled GeoTIFF written row strip by row strip (GDAL flushes finished tiles from its cache), for
/// outputs larger than memory. Georeferencing, nodata and categories are set before the first row. The file is
/// complete only after <see cref="Complete"/>; disposing without it deletes the file (no partial output).
/// </summary>
public sealed unsafe class GdalRasterRowWriter : IDisposable
{
    private readonly GdalDataset ds;
    private readonly nint band;
    private readonly int width;
    private bool completed;

    public GdalRasterRowWriter(string path, int width, int height, RasterPixelType type, GeoTransform transform, string crsWkt,
        double? noData, IReadOnlyList<string>? categoryNames = null, IReadOnlyList<string>? categoryColours = null)
    {
        this.width = width;
        Path = path;
        bool isFloat = type is RasterPixelType.Float32 or RasterPixelType.Float64;
        nint options = 0;
        options = GdalNative.CSLSetNameValue(options, "TILED", "YES");
        options = GdalNative.CSLSetNameValue(options, "BIGTIFF", "IF_SAFER");
        foreach (var (name, value) in GeoTiffCompressions.CreationOptions(GeoTiffCompressions.Default, isFloat))
            options = GdalNative.CSLSetNameValue(options, name, value);
        try
        {
            ds = GdalDataset.Create("GTiff", path, width, height, 1, GdalRasterWriter.GdalType(type), options);
        }
        finally
        {
            GdalNative.CSLDestroy(options);
        }
        try
        {
            var gt = transform.ToArray();
            fixed (double* p = gt)
                GdalErrors.Check(GdalNative.GDALSetGeoTransform(ds.Handle, p), "cannot set the geotransform of", path);
            if (!string.IsNullOrWhiteSpace(crsWkt))
                GdalErrors.Check(GdalNative.GDALSetProjection(ds.Handle, crsWkt), "cannot set the CRS of", path);
            band = GdalNative.GDALGetRasterBand(ds.Handle, 1);
            if (noData is { } nd)
                GdalErrors.Check(GdalNative.GDALSetRasterNoDataValue(band, nd), "cannot set the nodata value of", path);
            var colours = (categoryColours ?? []).Select((c, i) => GdalRasterWriter.ParseColour(c, i, path)).ToList();
            GdalRasterWriter.WriteCategories(band, categoryNames ?? [], colours, path);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Path { get; }

    public void WriteRows(int y0, ReadOnlySpan<byte> cells) => Write(y0, cells.Length, GdalNative.GDT_Byte, cells);

    public void WriteRows(int y0, ReadOnlySpan<float> cells) => Write(y0, cells.Length, GdalNative.GDT_Float32, System.Runtime.InteropServices.MemoryMarshal.AsBytes(cells));

    private void Write(int y0, int cells, int type, ReadOnlySpan<byte> bytes)
    {
        int rows = cells / width;
        GdalErrors.Reset();
        int err;
        fixed (byte* p = bytes)
            err = GdalNative.GDALRasterIO(band, GdalNative.GF_Write, 0, y0, width, rows, p, width, rows, type, 0, 0);
        if (err != GdalNative.CE_None)
            throw GdalErrors.Error($"cannot write rows {y0}..{y0 + rows - 1} of", Path);
    }

    /// <summary>Flushes and closes; throws when GDAL reports a failure while writing.</summary>
    public void Complete()
    {
        ds.CloseChecked();
        completed = true;
    }

    public void Dispose()
    {
        if (completed) return;
        ds?.Dispose();
        foreach (var f in new[] { Path, Path + ".aux.xml" })
            if (File.Exists(f)) File.Delete(f);
    }
}
