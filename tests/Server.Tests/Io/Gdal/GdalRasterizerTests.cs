using GisBridge.Algorithms.Common;
using GisBridge.Server.Io.Gdal;
using NetTopologySuite.Geometries;

namespace GisBridge.Server.Tests.Io.Gdal;

public sealed class GdalRasterizerTests
{
    private static readonly GeometryFactory Factory = new();
    private static readonly GeoTransform Grid10 = new(0, 1, 0, 10, 0, -1); // 10x10 cells of 1 unit, north-up

    private static VectorLayer Squares(string crsWkt, params (Envelope Box, object? Label)[] squares) =>
        new("zones", crsWkt, [new VectorField("label", VectorFieldType.Integer)],
            squares.Select(s => new VectorFeature(Factory.ToGeometry(s.Box), new Dictionary<string, object?> { ["label"] = s.Label })).ToList());

    private static int Count<T>(T[] cells, T value) => cells.Count(c => Equals(c, value));

    [Fact]
    public void Polygon_LabelsCellsWhoseCentreIsInside()
    {
        var labels = GdalRasterizer.Rasterize(Squares("", (new Envelope(2, 6, 2, 6), 3)), "label", 10, 10, Grid10, "");
        Assert.Equal(16, Count(labels, (byte)3));
        Assert.Equal(84, Count(labels, (byte)255));
        // Columns 2..5; rows 4..7 (y from 6 down to 2 with the origin at y = 10).
        for (int row = 0; row < 10; row++)
            for (int col = 0; col < 10; col++)
                Assert.Equal(row is >= 4 and <= 7 && col is >= 2 and <= 5 ? 3 : 255, labels[row * 10 + col]);
    }

    [Fact]
    public void AllTouched_AlsoLabelsCellsCrossedByTheEdge()
    {
        var layer = Squares("", (new Envelope(2.6, 5.4, 2.6, 5.4), 1));
        Assert.Equal(4, Count(GdalRasterizer.Rasterize(layer, "label", 10, 10, Grid10, ""), (byte)1));
        Assert.Equal(16, Count(GdalRasterizer.Rasterize(layer, "label", 10, 10, Grid10, "", allTouched: true), (byte)1));
    }

    [Fact]
    public void LaterFeatureWins_AndNullLabelsAreSkipped()
    {
        var layer = Squares("", (new Envelope(0, 10, 0, 10), 1), (new Envelope(0, 5, 0, 10), 2), (new Envelope(0, 10, 0, 1), null));
        var labels = GdalRasterizer.RasterizeInt32(layer, "LABEL", 10, 10, Grid10, "", nodata: -1);
        Assert.Equal(50, Count(labels, 1));
        Assert.Equal(50, Count(labels, 2));
    }

    [Fact]
    public void LayerIsReprojectedToTheGridCrs()
    {
        // About 1.1 km around (15E, 0N), the origin of UTM zone 33N (easting 500 km, northing 0).
        var layer = Squares(GdalTestFiles.Wkt("EPSG:4326"), (new Envelope(14.99, 15.01, -0.01, 0.01), 7));
        var gt = new GeoTransform(498000, 500, 0, 2000, 0, -500);
        var labels = GdalRasterizer.Rasterize(layer, "label", 8, 8, gt, GdalTestFiles.Wkt("EPSG:32633"));
        Assert.Equal(16, Count(labels, (byte)7)); // columns 2..5, rows 2..5
        Assert.Equal(7, labels[2 * 8 + 2]);
        Assert.Equal(255, labels[1 * 8 + 1]);
    }

    [Fact]
    public void BadLabels_AreArgumentErrors()
    {
        Assert.Contains("no field 'class'", Assert.Throws<ArgumentException>(() =>
            GdalRasterizer.Rasterize(Squares("", (new Envelope(0, 1, 0, 1), 1)), "class", 10, 10, Grid10, "")).Message);
        Assert.Contains("300", Assert.Throws<ArgumentException>(() =>
            GdalRasterizer.Rasterize(Squares("", (new Envelope(0, 1, 0, 1), 300)), "label", 10, 10, Grid10, "")).Message);
        Assert.Contains("nodata", Assert.Throws<ArgumentException>(() =>
            GdalRasterizer.Rasterize(Squares("", (new Envelope(0, 1, 0, 1), 255)), "label", 10, 10, Grid10, "")).Message);
    }
}
