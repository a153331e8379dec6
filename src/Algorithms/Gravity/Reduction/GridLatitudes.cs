using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Gravity.Reduction;

/// <summary>
/// The geodetic latitude of each row of a north-up longitude/latitude grid. Normal gravity needs latitude, so a
/// projected grid is refused (warp it to geographic coordinates first); a grid without a CRS is taken as
/// longitude/latitude when its extent lies within ±360° / ±90° (global model grids such as ICGEM's netCDF carry none).
/// </summary>
public static class GridLatitudes
{
    public static double[] Of(RasterGrid grid, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var t = grid.Transform;
        if (t.IsRotated)
            throw new ArgumentException($"rotated geotransform (row rotation {t.RowRotation}, column rotation {t.ColumnRotation}) is not supported; warp the grid to a north-up grid first");
        if (grid.CrsKind == CrsKind.Projected)
            throw new ArgumentException("the grid is in a projected CRS: normal gravity needs latitude; warp it to geographic coordinates (e.g. EPSG:4326) first");
        double top = t.OriginY + 0.5 * t.PixelHeight, bottom = t.CenterY(grid.Height - 1);
        if (grid.CrsKind == CrsKind.Unknown)
        {
            double west = t.OriginX, east = t.OriginX + grid.Width * t.PixelWidth;
            if (Math.Max(Math.Abs(top), Math.Abs(bottom)) > 90 + 1e-9 || Math.Min(west, east) < -360 || Math.Max(west, east) > 360)
                throw new ArgumentException($"the grid has no CRS and its cell centres (y {bottom}..{top}) are not latitudes; give it a geographic CRS");
            warnings.Add("the grid has no CRS: its coordinates are taken as longitude/latitude in degrees");
        }
        var latitudes = new double[grid.Height];
        for (int row = 0; row < grid.Height; row++)
            latitudes[row] = Math.Clamp(t.CenterY(row), -90, 90);
        return latitudes;
    }

    /// <summary>Refuses a second grid that is not cell for cell on the first one.</summary>
    public static void RequireSameGrid(RasterGrid reference, RasterGrid other, string otherName)
    {
        if (other.Width != reference.Width || other.Height != reference.Height)
            throw new ArgumentException($"{otherName} is {other.Width}x{other.Height} cells but the input is {reference.Width}x{reference.Height}; resample it onto the input grid first");
        var a = reference.Transform; var b = other.Transform;
        double tol = 1e-6 * Math.Max(Math.Abs(a.PixelWidth), Math.Abs(a.PixelHeight));
        if (Math.Abs(a.OriginX - b.OriginX) > tol || Math.Abs(a.OriginY - b.OriginY) > tol ||
            Math.Abs(a.PixelWidth - b.PixelWidth) > tol || Math.Abs(a.PixelHeight - b.PixelHeight) > tol)
            throw new ArgumentException($"{otherName} is not on the input's grid (origin {b.OriginX}, {b.OriginY}, cell {b.PixelWidth} x {b.PixelHeight} " +
                $"vs {a.OriginX}, {a.OriginY}, {a.PixelWidth} x {a.PixelHeight}); resample it onto the input grid first");
    }
}
