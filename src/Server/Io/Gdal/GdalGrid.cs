using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using GisBridge.Algorithms.Common;

namespace GisBridge.Server.Io.Gdal;

/// <summary>A north-up output grid for scattered points: extent of cell edges and size in cells.</summary>
public sealed record GridTarget(double West, double East, double South, double North, int Width, int Height);

/// <summary>
/// Grids scattered points with GDAL's gridding (the gdal_grid library API, GDALGrid): the points go to GDAL as a
/// CSV in /vsimem, the result comes back as a float32 GeoTIFF in /vsimem read by <see cref="GdalRasterReader"/>.
/// <paramref name="algorithm"/> is gdal_grid's -a string (e.g. "invdist:power=2:radius1=0.2:radius2=0.2:min_points=1:nodata=nan");
/// cells where the algorithm finds too few points get its nodata value and come back as NaN.
/// </summary>
public static unsafe partial class GdalGrid
{
    public static RasterGrid Points(double[] x, double[] y, double[] z, GridTarget target, string algorithm, string crs)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (y.Length != x.Length || z.Length != x.Length)
            throw new ArgumentException("x, y and z must have the same length");
        if (target.Width <= 0 || target.Height <= 0 || (long)target.Width * target.Height > 100_000_000)
            throw new ArgumentException($"output grid {target.Width}x{target.Height} cells is empty or larger than 100 million cells; choose a larger cell size");
        GdalLibrary.EnsureInitialized();
        string id = Guid.NewGuid().ToString("N");
        string source = $"/vsimem/gisbridge-grid-{id}.csv", destination = $"/vsimem/gisbridge-grid-{id}.tif";
        var csv = new StringBuilder(x.Length * 40).Append("x,y,z\n");
        for (int i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i]) || !double.IsFinite(z[i])) continue;
            csv.Append(x[i].ToString("R", CultureInfo.InvariantCulture)).Append(',')
               .Append(y[i].ToString("R", CultureInfo.InvariantCulture)).Append(',')
               .Append(z[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        byte[] bytes = Encoding.ASCII.GetBytes(csv.ToString());
        nint openOptions = 0, argv = 0, options = 0, src = 0;
        try
        {
            GdalErrors.Reset();
            // GDAL takes ownership of the buffer (freed with VSIFree on unlink), so it must come from its allocator.
            nint owned = CPLMalloc((nuint)bytes.Length);
            Marshal.Copy(bytes, 0, owned, bytes.Length);
            nint file = VSIFileFromMemBuffer(source, (byte*)owned, (ulong)bytes.Length, 1);
            if (file == 0)
                throw GdalErrors.Error("cannot stage the points for gridding in", source);
            VSIFCloseL(file);
            foreach (string o in new[] { "X_POSSIBLE_NAMES=x", "Y_POSSIBLE_NAMES=y", "AUTODETECT_TYPE=YES", "KEEP_GEOM_COLUMNS=NO" })
                openOptions = GdalNative.CSLAddString(openOptions, o);
            src = GdalNative.GDALOpenEx(source, GdalNative.GDAL_OF_VECTOR | GdalNative.GDAL_OF_VERBOSE_ERROR, 0, openOptions, 0);
            if (src == 0)
                throw GdalErrors.Error("GDAL cannot read the staged points", source);
            string[] args =
            [
                "-of", "GTiff", "-ot", "Float32", "-zfield", "z", "-a", algorithm,
                "-txe", F(target.West), F(target.East), "-tye", F(target.North), F(target.South),
                "-outsize", target.Width.ToString(CultureInfo.InvariantCulture), target.Height.ToString(CultureInfo.InvariantCulture),
                "-a_srs", crs,
            ];
            foreach (string a in args) argv = GdalNative.CSLAddString(argv, a);
            options = GDALGridOptionsNew(argv, 0);
            if (options == 0)
                throw new ArgumentException($"GDAL refused the gridding options ({string.Join(' ', args)}): {GdalErrors.Message()}");
            int usageError = 0;
            nint result = GDALGrid(destination, src, options, &usageError);
            if (result == 0)
                throw GdalErrors.Error($"GDAL gridding ({algorithm}) failed for", destination);
            GdalNative.GDALClose(result);
            return GdalRasterReader.Read(destination);
        }
        finally
        {
            if (options != 0) GDALGridOptionsFree(options);
            if (argv != 0) GdalNative.CSLDestroy(argv);
            if (openOptions != 0) GdalNative.CSLDestroy(openOptions);
            if (src != 0) GdalNative.GDALClose(src);
            VSIUnlink(source);
            VSIUnlink(destination);
        }
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    [LibraryImport(GdalNative.Lib)]
    private static partial nint CPLMalloc(nuint size);

    [LibraryImport(GdalNative.Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint VSIFileFromMemBuffer(string path, byte* buffer, ulong length, int takeOwnership);

    [LibraryImport(GdalNative.Lib)]
    private static partial int VSIFCloseL(nint file);

    [LibraryImport(GdalNative.Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int VSIUnlink(string path);

    [LibraryImport(GdalNative.Lib)]
    private static partial nint GDALGridOptionsNew(nint argv, nint binaryOptions);

    [LibraryImport(GdalNative.Lib)]
    private static partial void GDALGridOptionsFree(nint options);

    [LibraryImport(GdalNative.Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint GDALGrid(string destination, nint source, nint options, int* usageError);
}
