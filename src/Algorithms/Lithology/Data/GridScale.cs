using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Lithology.Data;

/// <summary>
/// The ground size of a grid's cells, so that a prediction can say when its input is at another scale than the
/// model's training data. A network learns anomalies as shapes a few cells wide: the same body on cells 18 times
/// larger is a different pattern to it, even when every band's values are in range.
/// </summary>
public static class GridScale
{
    /// <summary>IUGG mean Earth radius: comparing scales needs no ellipsoid.</summary>
    public const double EarthRadiusMetres = 6_371_008.8;

    /// <summary>Input and training cells may differ by this factor either way before a prediction warns: within it
    /// an anomaly stays within one level of the network's 1/2-step feature pyramid.</summary>
    public const double MaxFactor = 2;

    /// <summary>
    /// Geometric mean of the cell's width and height in metres at the grid's middle row; null when the transform has
    /// no positive size. Geographic grids use the spherical metric; grids without a CRS are read as longitude/latitude
    /// when their coordinates look like degrees (GMT's convention), else as metres.
    /// </summary>
    public static double? CellSizeMetres(GeoTransform t, int width, int height, CrsKind kind, double linearUnitMetres = 1)
    {
        double dx = Math.Abs(t.PixelWidth), dy = Math.Abs(t.PixelHeight);
        if (!(dx > 0 && dy > 0 && double.IsFinite(dx * dy)) || width < 1 || height < 1) return null;
        if (kind == CrsKind.Unknown) kind = t.LooksLikeDegrees(width, height) ? CrsKind.Geographic : CrsKind.Projected;
        if (kind == CrsKind.Projected)
            return linearUnitMetres > 0 ? Math.Sqrt(dx * dy) * linearUnitMetres : null;
        double lat = (t.OriginY + height / 2.0 * t.PixelHeight) * Math.PI / 180;
        double radiansPerDegree = Math.PI / 180;
        double w = EarthRadiusMetres * Math.Max(Math.Cos(lat), 1e-6) * dx * radiansPerDegree;
        double h = EarthRadiusMetres * dy * radiansPerDegree;
        return Math.Sqrt(w * h);
    }

    /// <summary>Input cell size over training cell size; null when either is unknown.</summary>
    public static double? Factor(double? inputMetres, double? trainingMetres) =>
        inputMetres is > 0 && trainingMetres is > 0 ? inputMetres / trainingMetres : null;

    /// <summary>True when the factor is known and beyond <see cref="MaxFactor"/> either way.</summary>
    public static bool IsMismatch(double? factor) => factor is { } f && (f > MaxFactor || f < 1 / MaxFactor);
}
