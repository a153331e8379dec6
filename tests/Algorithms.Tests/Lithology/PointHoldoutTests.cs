using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Lithology.Data;
using GisBridge.Algorithms.Lithology.Training;

namespace GisBridge.Algorithms.Tests.Lithology;

/// <summary>Outcrop-based holdout on a 12 x 8 grid of 10 m cells whose label is its column's parity (0/1), with
/// column 11 unlabelled.</summary>
public class PointHoldoutTests
{
    private const int W = 12, H = 8;
    private static readonly GeoTransform Gt = new(1000, 10, 0, 2000, 0, -10);

    private static byte[] Ids() => Enumerable.Range(0, W * H).Select(i => i % W == 11 ? SegmentationTile.Ignore : (byte)(i % W % 2)).ToArray();

    private static bool[] Cells(params (int Row, int Col)[] cells)
    {
        var mask = new bool[W * H];
        foreach (var (r, c) in cells) mask[r * W + c] = true;
        return mask;
    }

    [Fact]
    public void PointsAreTheLabelledPointCellsAtTheirCentres()
    {
        var (points, unlabelled) = PointHoldout.Points(Cells((2, 3), (5, 11), (6, 4)), Ids(), W, H, Gt);
        Assert.Equal(1, unlabelled);   // column 11
        Assert.Equal([new HoldoutPoint(2, 3, 1035, 1975, 1), new HoldoutPoint(6, 4, 1045, 1935, 0)], points);
    }

    [Fact]
    public void HideRemovesTheLabelsInsideTheEllipseOnly()
    {
        var ids = Ids();
        var point = new HoldoutPoint(4, 5, 0, 0, ids[4 * W + 5]);
        var hidden = PointHoldout.Hide(ids, W, H, [point], radiusCols: 2, radiusRows: 1);
        // (dc / 2)^2 + (dr / 1)^2 <= 1: the five cells of the row from column 3 to 7, and the two above and below the point.
        var expected = new HashSet<int> { 4 * W + 3, 4 * W + 4, 4 * W + 5, 4 * W + 6, 4 * W + 7, 3 * W + 5, 5 * W + 5 };
        for (int i = 0; i < ids.Length; i++)
            Assert.Equal(expected.Contains(i) ? SegmentationTile.Ignore : ids[i], hidden[i]);
        Assert.NotSame(ids, hidden);

        var single = PointHoldout.Hide(ids, W, H, [point], 0, 0);
        Assert.Equal(1, single.Zip(ids).Count(p => p.First != p.Second));
        Assert.Throws<ArgumentException>(() => PointHoldout.Hide(ids, W, H, [point], -1, 1));
        Assert.Throws<ArgumentException>(() => PointHoldout.Hide(ids, W + 1, H, [point], 1, 1));
    }

    [Fact]
    public void ThePointIsScoredInTheTileThatHoldsItNearestItsCentre()
    {
        // Three 4 x 4 tiles of 10 m cells starting at x = 1000, 1020 and 1040; a point at x = 1045 is in the last two,
        // 0.125 of a tile from the second's centre (x = 1040) and 0.375 from the third's (x = 1060).
        SegmentationTile Tile(string name, double x0) => new(name, 4, 4, [new float[16]], new byte[16], new GeoTransform(x0, 10, 0, 2000, 0, -10));
        var tiles = new[] { Tile("a", 1000), Tile("b", 1020), Tile("c", 1040) };
        var hit = PointEvaluator.Nearest(tiles, 1045, 1985);
        Assert.NotNull(hit);
        Assert.Equal(("b", 1, 2), (hit.Value.Tile.Name, hit.Value.Row, hit.Value.Col));
        Assert.Null(PointEvaluator.Nearest(tiles, 1085, 1985));   // east of every tile
    }
}
