using System.Globalization;
using GisBridge.Algorithms.Analysis;
using GisBridge.Algorithms.Common;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;
using GisBridge.Tests.Support;

namespace GisBridge.Server.Tests.Analysis;

/// <summary>Raster values at points on the real ETOPO1 10' grid, against GDAL's gdallocationinfo (nearest) and
/// SciPy's map_coordinates (bilinear), and through an OSR transform into a projected raster.</summary>
public sealed class GdalRasterSamplerTests
{
    private static readonly string Topography = SharedData.Path("gravity", "global-10arcmin", "earth-topography-10arcmin.nc");

    private static (double[] Lon, double[] Lat) RandomPoints(int seed, int n = 100)
    {
        var r = new Random(seed);
        return (Enumerable.Range(0, n).Select(_ => -180 + 360 * r.NextDouble()).ToArray(),
                Enumerable.Range(0, n).Select(_ => -89 + 178 * r.NextDouble()).ToArray());
    }

    /// <summary>The raster as the job samples it: read, then its CRS settled (ETOPO1's netCDF has none: EPSG:4326).</summary>
    private static RasterGrid Settled(string path) =>
        InputCrs.Settle(GdalRasterReader.Read(path, 1), "", "topography", new GdalGeoIo(), _ => { });

    private static string Pairs(double[] x, double[] y) =>
        string.Concat(x.Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"{v:R} {y[i]:R}\n")));

    private static double[] Numbers(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void NearestMatchesGdalLocationInfoAtHundredRandomPoints()
    {
        var (lon, lat) = RandomPoints(16);
        var grid = Settled(Topography);
        var ours = GdalRasterSampler.Sample(grid, 1, lon, lat, PointSampling.Nearest, "topography");
        var gdal = Numbers(ExternalTool.Run("gdallocationinfo", ["-valonly", "-geoloc", Topography], Pairs(lon, lat)));
        Assert.Equal(lon.Length, gdal.Length);
        for (int i = 0; i < lon.Length; i++) Assert.Equal(gdal[i], ours[i]);
        // The same points given as 0..360 longitudes sample the same cells.
        var east = lon.Select(v => v < 0 ? v + 360 : v).ToArray();
        Assert.Equal(ours, GdalRasterSampler.Sample(grid, 1, east, lat, PointSampling.Nearest, "topography"));
    }

    [Fact]
    public void BilinearMatchesScipyMapCoordinatesAtHundredRandomPoints()
    {
        var (lon, lat) = RandomPoints(61);
        var grid = Settled(Topography);
        var ours = GdalRasterSampler.Sample(grid, 1, lon, lat, PointSampling.Bilinear, "topography");
        const string script = """
            import sys, numpy as np
            from osgeo import gdal
            from scipy.ndimage import map_coordinates
            ds = gdal.Open(sys.argv[1]); a = ds.GetRasterBand(1).ReadAsArray().astype(np.float64)
            x0, dx, _, y0, _, dy = ds.GetGeoTransform()
            pts = np.loadtxt(sys.stdin).reshape(-1, 2)
            col = (pts[:, 0] - x0) / dx - 0.5; row = (pts[:, 1] - y0) / dy - 0.5
            for v in map_coordinates(a, [row, col], order=1, mode='nearest'): print(repr(float(v)))
            """;
        var scipy = Numbers(ExternalTool.Run(ExternalTool.Python, ["-c", script, Topography], Pairs(lon, lat)));
        Assert.Equal(lon.Length, scipy.Length);
        for (int i = 0; i < lon.Length; i++) Assert.Equal(scipy[i], ours[i], 1e-6);
    }

    [Fact]
    public void ProjectedRasterIsSampledThroughTheOsrTransform()
    {
        // A Web Mercator grid whose value is the easting in km: bilinear is exact on a linear field, and the
        // easting of a longitude is R * lambda (EPSG:3857, R = 6378137 m), so the expected value is closed-form.
        const int w = 200, h = 200;
        const double x0 = -2_000_000, y0 = 6_000_000, cell = 50_000;
        var values = new float[w * h];
        for (int r = 0; r < h; r++)
            for (int c = 0; c < w; c++) values[r * w + c] = (float)((x0 + (c + 0.5) * cell) / 1000);
        var folder = Directory.CreateTempSubdirectory("gisbridge-sampler-").FullName;
        try
        {
            var path = Path.Combine(folder, "easting.tif");
            GdalRasterWriter.WriteGeoTiff(path, new RasterGrid(w, h, new GeoTransform(x0, cell, 0, y0, 0, -cell), [values]) { CrsWkt = "EPSG:3857" });
            var grid = GdalRasterReader.Read(path, 1);
            Assert.Equal(CrsKind.Projected, grid.CrsKind);
            double[] lon = [-10, 0, 15.5, 60], lat = [10, -20, 45, 30];
            var ours = GdalRasterSampler.Sample(grid, 1, lon, lat, PointSampling.Bilinear, "easting");
            for (int i = 0; i < lon.Length; i++)
                Assert.Equal(6378137 * lon[i] * Math.PI / 180 / 1000, ours[i], 0.01);
            var outside = GdalRasterSampler.Sample(grid, 1, [120.0], [0.0], PointSampling.Bilinear, "easting");
            Assert.True(double.IsNaN(outside[0]));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
