namespace GisBridge.Algorithms.Gravity;

/// <summary>
/// Cell spacing of a validated grid in metres. Projected grids have one spacing; geographic grids have a
/// spacing that depends on the latitude of each row (see <see cref="GeographicGridMetric"/>).
/// Spacings are always positive: the sign of the geotransform (north-up or south-up) does not enter the filters.
/// </summary>
internal sealed class GridMetric
{
    private GridMetric() { }

    public bool IsGeographic { get; private init; }

    /// <summary>Projected grids: cell width and height in metres.</summary>
    public double DxMetres { get; private init; }
    public double DyMetres { get; private init; }

    /// <summary>Geographic grids: the ellipsoid, the cell size in radians and the latitude of each row's centre.</summary>
    public GeographicGridMetric? Geographic { get; private init; }

    public static GridMetric Projected(double dxMetres, double dyMetres) =>
        new() { DxMetres = dxMetres, DyMetres = dyMetres };

    public static GridMetric FromGeographic(GeographicGridMetric geographic) =>
        new() { IsGeographic = true, Geographic = geographic };

    /// <summary>True when the columns span the whole circle of longitude, so the grid is periodic in x.</summary>
    public bool WrapsLongitude => Geographic?.WrapsLongitude ?? false;

    /// <summary>Cell width and height (metres) of row <paramref name="row"/>.</summary>
    public (double Dx, double Dy) RowSpacing(int row) =>
        Geographic is null ? (DxMetres, DyMetres) : Geographic.SpacingAt(Geographic.RowLatitudes[row]);
}
