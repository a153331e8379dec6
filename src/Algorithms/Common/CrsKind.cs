namespace GisBridge.Algorithms.Common;

/// <summary>What the grid's coordinates are, as far as the algorithms need to know.</summary>
public enum CrsKind
{
    /// <summary>No CRS was given.</summary>
    Unknown = 0,
    /// <summary>Projected or local Cartesian coordinates in a linear unit (see RasterGrid.LinearUnitMetres).</summary>
    Projected = 1,
    /// <summary>Longitude / latitude in degrees.</summary>
    Geographic = 2,
}
