using GisBridge.Algorithms.Analysis;
using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Tests.Analysis;

public sealed class RasterPointSamplerTests
{
    /// <summary>A global 1° grid with longitudes 0..360 (cell centres 0.5..359.5) holding f at the centres.</summary>
    private static RasterGrid Global0To360(Func<double, double, double> f)
    {
        const int w = 360, h = 180;
        var v = new float[w * h];
        for (int r = 0; r < h; r++)
            for (int c = 0; c < w; c++) v[r * w + c] = (float)f(c + 0.5, 89.5 - r);
        return new RasterGrid(w, h, new GeoTransform(0, 1, 0, 90, 0, -1), [v]) { CrsKind = CrsKind.Geographic };
    }

    [Fact]
    public void BilinearIsExactOnALinearFieldAndTakesMinus180To180Longitudes()
    {
        // Linear in latitude, and in longitude within 0.5..359.5: bilinear must reproduce it exactly there.
        var grid = Global0To360((lon, lat) => 2 * lon + 3 * lat);
        double[] lon = [-170.25, -0.7, 10.3, 179.9, 200.0], lat = [-60.2, 12.0, 0.1, 45.6, -30.3];
        var got = RasterPointSampler.Sample(grid, 0, lon, lat, PointSampling.Bilinear);
        for (int i = 0; i < lon.Length; i++)
        {
            double east = lon[i] < 0 ? lon[i] + 360 : lon[i];
            Assert.Equal(2 * east + 3 * lat[i], got[i], 1e-3);
        }
    }

    [Fact]
    public void BilinearWrapsAcrossTheSeamOfAGlobalGrid()
    {
        // cos(lon) is continuous across 0/360; at lon 0 the two neighbours are the cells at 359.5 and 0.5.
        var grid = Global0To360((lon, _) => Math.Cos(lon * Math.PI / 180));
        var got = RasterPointSampler.Sample(grid, 0, [0.0, 360.0, -0.25], [10.0, 10.0, 10.0], PointSampling.Bilinear);
        double expected0 = Math.Cos(0.5 * Math.PI / 180); // mean of cos(-0.5°) and cos(0.5°)
        Assert.Equal(expected0, got[0], 1e-6);
        Assert.Equal(expected0, got[1], 1e-6);
        double expected = 0.75 * Math.Cos(-0.5 * Math.PI / 180) + 0.25 * Math.Cos(0.5 * Math.PI / 180);
        Assert.Equal(expected, got[2], 1e-6);
    }

    [Fact]
    public void NodataNeighbourAndOutsidePointsGiveNaN()
    {
        var v = new float[] { 1, 2, 3, float.NaN };
        var grid = new RasterGrid(2, 2, new GeoTransform(10, 1, 0, 20, 0, -1), [v]) { CrsKind = CrsKind.Geographic };
        var got = RasterPointSampler.Sample(grid, 0, [10.5, 11.0, 11.5, 13.0, 10.2], [19.5, 19.0, 18.5, 19.0, 19.9], PointSampling.Bilinear);
        Assert.Equal(1, got[0], 12);          // on a cell centre: that cell only
        Assert.True(double.IsNaN(got[1]));    // the NaN cell has weight 1/4
        Assert.True(double.IsNaN(got[2]));    // on the NaN cell's centre
        Assert.True(double.IsNaN(got[3]));    // east of the grid
        Assert.Equal(1, got[4], 12);          // within half a cell of the corner: the edge cell
        var nearest = RasterPointSampler.Sample(grid, 0, [11.9, 10.1], [19.9, 18.1], PointSampling.Nearest);
        Assert.Equal([2.0, 3.0], nearest);
    }
}
