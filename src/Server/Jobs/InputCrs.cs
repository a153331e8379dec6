using System.Globalization;
using GisBridge.Algorithms.Common;

namespace GisBridge.Server.Jobs;

/// <summary>
/// Decides the CRS of an input raster: the CRS the request names (the QGIS layer's) wins over the file's; a grid with
/// no CRS whose coordinates look like longitude/latitude is taken as EPSG:4326 with a warning, GMT's convention for
/// netCDF grids (COARDS files carry lon/lat axes but no CRS).
/// </summary>
public static class InputCrs
{
    public const string AssumedGeographic = "EPSG:4326";

    /// <param name="grid">the raster as read or received</param>
    /// <param name="requested">CRS named by the request (WKT, "EPSG:n", PROJ string); "" keeps the grid's</param>
    /// <param name="name">the input's role, named in errors and warnings</param>
    public static RasterGrid Settle(RasterGrid grid, string requested, string name, IGeoIo geo, Action<string> warn)
    {
        string wkt;
        if (!string.IsNullOrWhiteSpace(requested))
            wkt = geo.ToWkt(requested, $"{name}.crs_wkt");
        else if (string.IsNullOrWhiteSpace(grid.CrsWkt) && LooksLikeDegrees(grid, out string extent))
        {
            wkt = geo.ToWkt(AssumedGeographic, name);
            warn($"{name}: the grid has no CRS and its coordinates ({extent}) look like longitude/latitude: taken as " +
                 $"{AssumedGeographic} (WGS 84), as GMT does; if that is wrong, set the layer's CRS in QGIS " +
                 "(Layer Properties > Source) and run again");
        }
        else
            return grid;
        if (wkt == grid.CrsWkt)
            return grid;
        var crs = geo.DescribeCrs(wkt);
        return new RasterGrid(grid.Width, grid.Height, grid.Transform, grid.Bands)
        {
            CrsWkt = wkt,
            CrsKind = crs.Kind,
            LinearUnitMetres = crs.LinearUnitMetres,
            SemiMajorAxis = crs.SemiMajorAxis,
            InverseFlattening = crs.InverseFlattening,
            NoData = grid.NoData,
            BandNames = grid.BandNames,
            CategoryNames = grid.CategoryNames,
            CategoryColors = grid.CategoryColors,
        };
    }

    /// <summary>See <see cref="GeoTransform.LooksLikeDegrees"/>; <paramref name="extent"/> describes the grid for messages.</summary>
    internal static bool LooksLikeDegrees(RasterGrid grid, out string extent)
    {
        var t = grid.Transform;
        double x0 = t.OriginX, x1 = t.OriginX + grid.Width * t.PixelWidth;
        double y0 = t.OriginY, y1 = t.OriginY + grid.Height * t.PixelHeight;
        extent = string.Create(CultureInfo.InvariantCulture,
            $"x {Math.Min(x0, x1):0.###}..{Math.Max(x0, x1):0.###}, y {Math.Min(y0, y1):0.###}..{Math.Max(y0, y1):0.###}, " +
            $"cell {Math.Abs(t.PixelWidth):0.#####} x {Math.Abs(t.PixelHeight):0.#####}");
        return t.LooksLikeDegrees(grid.Width, grid.Height);
    }
}
