using System.Runtime.InteropServices;
using GisBridge.Algorithms.Analysis;
using GisBridge.Algorithms.Common;

namespace GisBridge.Server.Io.Gdal;

/// <summary>OGR coordinate transformation (OCT) functions used to bring sample points into a raster's CRS.</summary>
internal static unsafe partial class GdalNative
{
    [LibraryImport(Lib)]
    internal static partial nint OCTNewCoordinateTransformation(nint source, nint target);

    [LibraryImport(Lib)]
    internal static partial void OCTDestroyCoordinateTransformation(nint transform);

    /// <summary>Transforms in place; <paramref name="success"/> gets one flag per point. Returns TRUE when all succeeded.</summary>
    [LibraryImport(Lib)]
    internal static partial int OCTTransformEx(nint transform, int count, double* x, double* y, double* z, int* success);
}

/// <summary>Values of a raster (any file GDAL reads) at longitude/latitude points (EPSG:4326): the points are
/// transformed into the raster's CRS by OSR, then sampled by <see cref="RasterPointSampler"/>.</summary>
public static unsafe class GdalRasterSampler
{
    /// <summary>The raster's band <paramref name="band"/> (1-based) at the points; NaN for nodata, outside or
    /// untransformable points. A raster without CRS is taken as longitude/latitude when its extent fits.</summary>
    public static double[] Sample(RasterGrid grid, int band, double[] lon, double[] lat, PointSampling method, string inputName)
    {
        if (band < 1 || band > grid.Bands.Count)
            throw new ArgumentException($"{inputName}: band {band} does not exist, the raster has {grid.Bands.Count}");
        var (x, y, geographic) = ToRasterCrs(grid, lon, lat, inputName);
        var sampled = geographic && grid.CrsKind != CrsKind.Geographic
            ? new RasterGrid(grid.Width, grid.Height, grid.Transform, grid.Bands) { CrsKind = CrsKind.Geographic }
            : grid;
        return RasterPointSampler.Sample(sampled, band - 1, x, y, method);
    }

    private static (double[] X, double[] Y, bool Geographic) ToRasterCrs(RasterGrid grid, double[] lon, double[] lat, string inputName)
    {
        if (string.IsNullOrWhiteSpace(grid.CrsWkt))
        {
            var t = grid.Transform;
            double x1 = t.OriginX + grid.Width * t.PixelWidth, y1 = t.OriginY + grid.Height * t.PixelHeight;
            bool fits = Math.Min(t.OriginX, x1) >= -360.5 && Math.Max(t.OriginX, x1) <= 360.5
                && Math.Min(t.OriginY, y1) >= -90.5 && Math.Max(t.OriginY, y1) <= 90.5;
            if (!fits)
                throw new ArgumentException($"{inputName}: the raster has no CRS and its extent is not longitude/latitude; assign it a CRS");
            return (lon, lat, true);
        }
        var source = GdalCrs.Create("EPSG:4326", inputName);
        nint target = 0, transform = 0;
        try
        {
            target = GdalCrs.Create(grid.CrsWkt, inputName);
            transform = GdalNative.OCTNewCoordinateTransformation(source, target);
            if (transform == 0)
                throw new ArgumentException($"{inputName}: no transformation from EPSG:4326 to the raster's CRS: {GdalErrors.Message()}");
            int n = lon.Length;
            var x = (double[])lon.Clone();
            var y = (double[])lat.Clone();
            var ok = new int[n];
            fixed (double* px = x, py = y)
            fixed (int* pok = ok)
                if (n > 0) GdalNative.OCTTransformEx(transform, n, px, py, null, pok);
            GdalErrors.Reset(); // points that fail are reported per point, not as an error of the call
            for (int i = 0; i < n; i++)
                if (ok[i] == 0) x[i] = y[i] = double.NaN;
            return (x, y, grid.CrsKind == CrsKind.Geographic);
        }
        finally
        {
            if (transform != 0) GdalNative.OCTDestroyCoordinateTransformation(transform);
            if (target != 0) GdalNative.OSRDestroySpatialReference(target);
            GdalNative.OSRDestroySpatialReference(source);
        }
    }
}
