using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Lithology.Data;

namespace GisBridge.Algorithms.Tests.Lithology;

public sealed class GridScaleTests
{
    // Great-circle distance on the mean sphere (haversine): an independent route to a cell's ground size.
    private static double Haversine(double lon1, double lat1, double lon2, double lat2)
    {
        double r = Math.PI / 180, dLat = (lat2 - lat1) * r, dLon = (lon2 - lon1) * r;
        double a = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(lat1 * r) * Math.Cos(lat2 * r) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * GridScale.EarthRadiusMetres * Math.Asin(Math.Sqrt(a));
    }

    [Fact]
    public void ALonLatCellIsItsGroundWidthAndHeightAtTheMiddleRow()
    {
        // The paper's box E65-95 N40-55 at 10': the middle row is at 47.5 N.
        double d = 10.0 / 60;
        var t = new GeoTransform(65, d, 0, 55, 0, -d);
        double width = Haversine(80, 47.5, 80 + d, 47.5), height = Haversine(80, 47.5 - d / 2, 80, 47.5 + d / 2);
        double expected = Math.Sqrt(width * height);
        Assert.Equal(expected, GridScale.CellSizeMetres(t, 180, 90, CrsKind.Geographic)!.Value, expected * 1e-6);
        Assert.InRange(expected, 15_000, 15_500); // about 12.5 km wide and 18.5 km high
        // Without a CRS the same degree-like grid is read as longitude/latitude (GMT's convention).
        Assert.Equal(expected, GridScale.CellSizeMetres(t, 180, 90, CrsKind.Unknown)!.Value, expected * 1e-6);
    }

    [Fact]
    public void ProjectedCellsAreScaledByTheirUnitAndUnknownMetreCoordinatesAreMetres()
    {
        var t = new GeoTransform(500_000, 1000, 0, 6_000_000, 0, -500);
        Assert.Equal(Math.Sqrt(1000 * 500.0), GridScale.CellSizeMetres(t, 10, 10, CrsKind.Projected)!.Value, 1e-9);
        Assert.Equal(Math.Sqrt(1000 * 500.0) * 0.3048, GridScale.CellSizeMetres(t, 10, 10, CrsKind.Projected, 0.3048)!.Value, 1e-9);
        Assert.Equal(Math.Sqrt(1000 * 500.0), GridScale.CellSizeMetres(t, 10, 10, CrsKind.Unknown)!.Value, 1e-9);
        Assert.Null(GridScale.CellSizeMetres(new GeoTransform(0, 0, 0, 0, 0, -1), 10, 10, CrsKind.Projected));
        Assert.Null(GridScale.CellSizeMetres(t, 10, 10, CrsKind.Projected, double.NaN));
    }

    [Theory]
    [InlineData(18000, 1000, true)]
    [InlineData(2100, 1000, true)]
    [InlineData(1900, 1000, false)]
    [InlineData(1000, 1000, false)]
    [InlineData(600, 1000, false)]
    [InlineData(400, 1000, true)]
    public void AFactorBeyondTwoEitherWayIsAMismatch(double input, double training, bool mismatch)
    {
        Assert.Equal(input / training, GridScale.Factor(input, training)!.Value, 1e-12);
        Assert.Equal(mismatch, GridScale.IsMismatch(GridScale.Factor(input, training)));
    }

    [Fact]
    public void AnUnknownScaleIsNoMismatch()
    {
        Assert.Null(GridScale.Factor(null, 1000));
        Assert.Null(GridScale.Factor(1000, null));
        Assert.False(GridScale.IsMismatch(null));
    }
}
