using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Lithology.Data;

/// <summary>A held-out observation (an outcrop): its grid cell, the cell centre in the grid's CRS, and the map's class there.</summary>
public sealed record HoldoutPoint(int Row, int Col, double X, double Y, byte ClassId);

/// <summary>
/// Outcrop-based validation: the map's labels within a radius of each observation point are hidden from training
/// (set to <see cref="SegmentationTile.Ignore"/>), and the class at each point becomes a test value. What it measures:
/// whether a model predicts the unit where it was observed from the labels and images around it, not from the
/// point's own polygon cells next to it. Points on unlabelled cells (outside the map, under cover, on nodata) are not
/// test values.
/// </summary>
public static class PointHoldout
{
    /// <summary>The labelled point cells (<paramref name="pointCells"/> true) as test values, in row-major order,
    /// and how many point cells had no label.</summary>
    public static (IReadOnlyList<HoldoutPoint> Points, int Unlabelled) Points(bool[] pointCells, byte[] ids, int width, int height, GeoTransform gt)
    {
        Check(pointCells.Length, ids.Length, width, height);
        var points = new List<HoldoutPoint>();
        int unlabelled = 0;
        for (int i = 0; i < pointCells.Length; i++)
        {
            if (!pointCells[i]) continue;
            if (ids[i] == SegmentationTile.Ignore) { unlabelled++; continue; }
            int r = i / width, c = i % width;
            points.Add(new HoldoutPoint(r, c, gt.CenterX(c), gt.CenterY(r), ids[i]));
        }
        return (points, unlabelled);
    }

    /// <summary>The labels with every cell whose centre lies within the ellipse of radii
    /// (<paramref name="radiusCols"/>, <paramref name="radiusRows"/>) cells of a point set to Ignore.</summary>
    public static byte[] Hide(byte[] ids, int width, int height, IReadOnlyList<HoldoutPoint> points, double radiusCols, double radiusRows)
    {
        Check(ids.Length, ids.Length, width, height);
        if (!(radiusCols >= 0 && radiusRows >= 0 && double.IsFinite(radiusCols) && double.IsFinite(radiusRows)))
            throw new ArgumentException($"holdout radius must be finite and >= 0 cells, got {radiusCols} x {radiusRows}");
        var hidden = (byte[])ids.Clone();
        int ry = (int)Math.Floor(radiusRows), rx = (int)Math.Floor(radiusCols);
        foreach (var p in points)
            for (int r = Math.Max(0, p.Row - ry); r <= Math.Min(height - 1, p.Row + ry); r++)
                for (int c = Math.Max(0, p.Col - rx); c <= Math.Min(width - 1, p.Col + rx); c++)
                {
                    double u = radiusCols == 0 ? (c == p.Col ? 0 : 2) : (c - p.Col) / radiusCols;
                    double v = radiusRows == 0 ? (r == p.Row ? 0 : 2) : (r - p.Row) / radiusRows;
                    if (u * u + v * v <= 1) hidden[r * width + c] = SegmentationTile.Ignore;
                }
        return hidden;
    }

    private static void Check(int first, int second, int width, int height)
    {
        if (width < 1 || height < 1 || first != (long)width * height || second != first)
            throw new ArgumentException($"holdout: arrays of {first} and {second} cells do not match the {width}x{height} grid");
    }
}
