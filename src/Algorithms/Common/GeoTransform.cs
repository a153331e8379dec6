namespace GisBridge.Algorithms.Common;

/// <summary>
/// GDAL's affine geotransform: x = OriginX + col * PixelWidth + row * RowRotation,
/// y = OriginY + col * ColumnRotation + row * PixelHeight (PixelHeight is negative for north-up grids).
/// Coordinates are of the pixel's top-left corner.
/// </summary>
public readonly record struct GeoTransform(
    double OriginX, double PixelWidth, double RowRotation, double OriginY, double ColumnRotation, double PixelHeight)
{
    public static GeoTransform FromArray(IReadOnlyList<double> gt)
    {
        ArgumentNullException.ThrowIfNull(gt);
        if (gt.Count != 6)
            throw new ArgumentException($"geotransform must have 6 coefficients, got {gt.Count}", nameof(gt));
        return new GeoTransform(gt[0], gt[1], gt[2], gt[3], gt[4], gt[5]);
    }

    public double[] ToArray() => [OriginX, PixelWidth, RowRotation, OriginY, ColumnRotation, PixelHeight];

    /// <summary>True when the grid axes are not parallel to the coordinate axes.</summary>
    public bool IsRotated => RowRotation != 0 || ColumnRotation != 0;

    /// <summary>True when row 0 is the northernmost row (PixelHeight &lt; 0).</summary>
    public bool IsNorthUp => PixelHeight < 0;

    /// <summary>X coordinate of the centre of column <paramref name="col"/> (non-rotated grids).</summary>
    public double CenterX(int col) => OriginX + (col + 0.5) * PixelWidth;

    /// <summary>Y coordinate of the centre of row <paramref name="row"/> (non-rotated grids).</summary>
    public double CenterY(int row) => OriginY + (row + 0.5) * PixelHeight;

    /// <summary>Edges within -360..360 x -90..90 and cells of at most a degree: what a lon/lat grid without a CRS
    /// looks like (GMT reads such grids as geographic).</summary>
    public bool LooksLikeDegrees(int width, int height)
    {
        double x0 = OriginX, x1 = OriginX + width * PixelWidth;
        double y0 = OriginY, y1 = OriginY + height * PixelHeight;
        // A gridline-registered global grid (GMT's default) has its cell edges half a cell past +-90 and 360.
        double marginX = Math.Abs(PixelWidth) / 2 + 1e-6, marginY = Math.Abs(PixelHeight) / 2 + 1e-6;
        return !IsRotated && PixelWidth != 0 && PixelHeight != 0
            && Math.Max(Math.Abs(x0), Math.Abs(x1)) <= 360 + marginX
            && Math.Max(Math.Abs(y0), Math.Abs(y1)) <= 90 + marginY
            && Math.Abs(PixelWidth) <= 1 && Math.Abs(PixelHeight) <= 1;
    }
}
