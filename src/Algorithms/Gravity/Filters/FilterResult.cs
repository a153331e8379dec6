using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Gravity;

/// <summary>A filtered grid, and where asked and where the input had holes, the cells that depend on the filled
/// values (1), those that do not (0) and the holes (NaN); see <see cref="FillDependence"/>.</summary>
public sealed record FilterResult(RasterGrid Output, RasterGrid? FillDependence, IReadOnlyList<string> Warnings,
    int FilledNodataCells, int LatitudeNodes, int PaddedWidth, int PaddedHeight);
