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
    /// untransformable points. A raster without a CRS is refused: the job settles it first (Jobs/InputCrs).</summary>
    public static double[] Sample(RasterGrid grid, int band, double[] lon, double[] lat, PointSampling method, string inputName)
    {
        if (band < 1 || band > grid.Bands.Count)
            throw new ArgumentException($"{inputName}: band {band} does not exist, the raster has {grid.Bands.Count}");
        var (x, y) = ToRasterCrs(grid, lon, lat, inputName);
        return RasterPointSampler.Sample(grid, band - 1, x, y, method);
    }

    private static (double[] X, double[] Y) ToRasterCrs(RasterGrid grid, double[] lon, double[] lat, string inputName)
    {
        if (string.IsNullOrWhiteSpace(grid.CrsWkt))
            throw new ArgumentException($"{inputName}: the raster has no CRS and its extent is not longitude/latitude; assign it a CRS");
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
            return (x, y);
        }
        finally
        {
            if (transform != 0) GdalNative.OCTDestroyCoordinateTransformation(transform);
            if (target != 0) GdalNative.OSRDestroySpatialReference(target);
            GdalNative.OSRDestroySpatialReference(source);
        }
    }
}
