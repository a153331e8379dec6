using System.Globalization;
using System.Runtime.InteropServices;
using GisBridge.Algorithms.Common;

namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// Reprojects and resamples a raster file onto a reference grid (same CRS, extent and cell count) with GDAL's warper
/// (the gdalwarp library API, GDALWarp), so co-registered inputs line up cell for cell. The result goes through a
/// float32 GeoTIFF in /vsimem and is read back by <see cref="GdalRasterReader"/>; cells outside the source are NaN.
/// </summary>
public static unsafe partial class GdalWarp
{
    public static RasterGrid OntoGrid(string sourcePath, RasterGrid reference, string resampling = "bilinear")
    {
        if (reference.Transform.IsRotated)
            throw new ArgumentException("the reference grid is rotated; warp it north-up first");
        if (string.IsNullOrEmpty(reference.CrsWkt))
            throw new ArgumentException("the reference grid has no CRS: inputs cannot be reprojected onto it");
        GdalLibrary.EnsureInitialized();
        var t = reference.Transform;
        double west = t.OriginX, east = t.OriginX + reference.Width * t.PixelWidth;
        double north = t.OriginY, south = t.OriginY + reference.Height * t.PixelHeight;
        string destination = $"/vsimem/gisbridge-warp-{Guid.NewGuid():N}.tif";
        using var source = GdalDataset.OpenReadOnly(sourcePath, GdalNative.GDAL_OF_RASTER, "raster");
        // Without a CRS GDAL would take the source's coordinates as the reference's: refuse rather than misplace it.
        if (GdalNative.Str(GdalNative.GDALGetProjectionRef(source.Handle)).Length == 0)
            throw new ArgumentException("it has no CRS, so it cannot be placed on the reference grid; assign one (gdal_edit.py -a_srs)");
        string[] args =
        [
            "-of", "GTiff", "-ot", "Float32", "-r", resampling, "-dstnodata", "nan",
            "-t_srs", reference.CrsWkt,
            "-te", F(Math.Min(west, east)), F(Math.Min(south, north)), F(Math.Max(west, east)), F(Math.Max(south, north)),
            "-ts", reference.Width.ToString(CultureInfo.InvariantCulture), reference.Height.ToString(CultureInfo.InvariantCulture),
        ];
        nint argv = 0, options = 0;
        try
        {
            foreach (string a in args) argv = GdalNative.CSLAddString(argv, a);
            GdalErrors.Reset();
            options = GDALWarpAppOptionsNew(argv, 0);
            if (options == 0)
                throw new ArgumentException($"GDAL refused the warp options: {GdalErrors.Message()}");
            nint handle = source.Handle;
            int usageError = 0;
            nint result = GDALWarp(destination, 0, 1, &handle, options, &usageError);
            if (result == 0)
                throw GdalErrors.Error($"GDAL cannot warp '{sourcePath}' onto the reference grid:", destination);
            GdalNative.GDALClose(result);
            return GdalRasterReader.Read(destination);
        }
        finally
        {
            if (options != 0) GDALWarpAppOptionsFree(options);
            if (argv != 0) GdalNative.CSLDestroy(argv);
            VSIUnlink(destination);
        }
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    [LibraryImport(GdalNative.Lib)]
    private static partial nint GDALWarpAppOptionsNew(nint argv, nint binaryOptions);

    [LibraryImport(GdalNative.Lib)]
    private static partial void GDALWarpAppOptionsFree(nint options);

    [LibraryImport(GdalNative.Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint GDALWarp(string destination, nint destinationDataset, int sourceCount, nint* sources, nint options, int* usageError);

    [LibraryImport(GdalNative.Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int VSIUnlink(string path);
}
