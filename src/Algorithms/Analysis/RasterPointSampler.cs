using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Analysis;

/// <summary>How a raster value is taken at a point.</summary>
public enum PointSampling
{
    /// <summary>Bilinear between the four nearest cell centres (NaN when one of them with non-zero weight is nodata).</summary>
    Bilinear,
    /// <summary>The cell that contains the point (as GDAL's gdallocationinfo).</summary>
    Nearest,
}

/// <summary>
/// Values of a raster band at points given in the raster's CRS. The affine geotransform is inverted (rotated grids
/// too). On geographic grids a longitude outside the grid is shifted by 360° into it (0..360 grids take -180..180
/// points and back), and a grid spanning 360° is periodic in longitude so bilinear works across the seam. Points
/// outside the grid give NaN; within half a cell of a non-periodic edge the edge cells are used.
/// </summary>
public static class RasterPointSampler
{
    public static double[] Sample(RasterGrid grid, int band, IReadOnlyList<double> x, IReadOnlyList<double> y, PointSampling method)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (band < 0 || band >= grid.Bands.Count)
            throw new ArgumentOutOfRangeException(nameof(band), $"band {band} does not exist (the raster has {grid.Bands.Count})");
        if (x.Count != y.Count) throw new ArgumentException($"{x.Count} x but {y.Count} y coordinates");
        var t = grid.Transform;
        double det = t.PixelWidth * t.PixelHeight - t.RowRotation * t.ColumnRotation;
        if (det == 0 || !double.IsFinite(det)) throw new ArgumentException("the raster's geotransform is singular");
        bool geographic = grid.CrsKind == CrsKind.Geographic;
        // Columns per 360° when the grid covers the whole circle of longitude (gridline grids repeat one column).
        int period = 0;
        if (geographic && !t.IsRotated)
        {
            double perTurn = 360.0 / Math.Abs(t.PixelWidth);
            if (Math.Abs(perTurn - Math.Round(perTurn)) < 1e-6 && grid.Width >= Math.Round(perTurn)) period = (int)Math.Round(perTurn);
        }
        double west = Math.Min(t.OriginX, t.OriginX + grid.Width * t.PixelWidth);
        var cells = grid.Bands[band];
        var result = new double[x.Count];
        for (int i = 0; i < x.Count; i++)
        {
            double px = x[i], py = y[i];
            if (!double.IsFinite(px) || !double.IsFinite(py)) { result[i] = double.NaN; continue; }
            if (geographic && !t.IsRotated) px = west + Wrap(px - west);
            double dx = px - t.OriginX, dy = py - t.OriginY;
            double col = (t.PixelHeight * dx - t.RowRotation * dy) / det;
            double row = (-t.ColumnRotation * dx + t.PixelWidth * dy) / det;
            result[i] = method == PointSampling.Nearest
                ? Nearest(cells, grid.Width, grid.Height, period, col, row)
                : Bilinear(cells, grid.Width, grid.Height, period, col, row);
        }
        return result;
    }

    private static double Wrap(double offset) => offset - 360.0 * Math.Floor(offset / 360.0);

    private static double Nearest(float[] cells, int width, int height, int period, double col, double row)
    {
        int c = (int)Math.Floor(col), r = (int)Math.Floor(row);
        if (r < 0 || r >= height) return double.NaN;
        if (period > 0) c = Mod(c, period);
        if (c < 0 || c >= width) return double.NaN;
        return cells[(long)r * width + c];
    }

    private static double Bilinear(float[] cells, int width, int height, int period, double col, double row)
    {
        if (row < 0 || row > height || (period == 0 && (col < 0 || col > width))) return double.NaN;
        // Cell centres are at half-integer pixel coordinates.
        double fx = col - 0.5, fy = row - 0.5;
        int c0 = (int)Math.Floor(fx), r0 = (int)Math.Floor(fy);
        double tx = fx - c0, ty = fy - r0;
        int c1 = c0 + 1, r1 = r0 + 1;
        if (period > 0) { c0 = Mod(c0, period); c1 = Mod(c1, period); }
        else { c0 = Math.Clamp(c0, 0, width - 1); c1 = Math.Clamp(c1, 0, width - 1); }
        r0 = Math.Clamp(r0, 0, height - 1); r1 = Math.Clamp(r1, 0, height - 1);
        double sum = 0;
        sum += Term(cells, width, c0, r0, (1 - tx) * (1 - ty));
        sum += Term(cells, width, c1, r0, tx * (1 - ty));
        sum += Term(cells, width, c0, r1, (1 - tx) * ty);
        sum += Term(cells, width, c1, r1, tx * ty);
        return sum;
    }

    private static double Term(float[] cells, int width, int c, int r, double weight)
    {
        if (weight == 0) return 0;
        double v = cells[(long)r * width + c];
        return v * weight; // a NaN (nodata) cell makes the sum NaN
    }

    private static int Mod(int a, int n) => ((a % n) + n) % n;
}
