using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Gravity;

namespace GisBridge.Algorithms.Lithology.Synthetic;

/// <summary>
/// The potential-field products of the synthetic benchmark, made by the same Gravity code the users run
/// (upward-continuation residual, vertical derivative, total horizontal gradient), on grids in mGal with square
/// cells in metres. Derivatives are given per km so that their magnitudes stay near those of the residual.
/// </summary>
public static class PotentialFieldFilters
{
    /// <summary>Residual = field - upward continuation to <paramref name="height"/> metres (paper: 10 km).</summary>
    public static double[] Residual(double[] field, int w, int h, double cell, double height)
    {
        var result = UpwardContinuation.Run(Grid(field, w, h, cell), new UpwardContinuationOptions { Heights = [height] });
        return ToDouble(result.Levels[0].Residual.Bands[0], 1.0);
    }

    /// <summary>First vertical derivative (positive downward), per km.</summary>
    public static double[] VerticalDerivative(double[] field, int w, int h, double cell) =>
        ToDouble(PotentialFieldDerivatives.Compute(Grid(field, w, h, cell), DerivativeKind.Vertical).Bands[0], 1000.0);

    /// <summary>Total horizontal gradient, per km.</summary>
    public static double[] HorizontalGradient(double[] field, int w, int h, double cell) =>
        ToDouble(PotentialFieldDerivatives.Compute(Grid(field, w, h, cell), DerivativeKind.TotalHorizontalGradient).Bands[0], 1000.0);

    private static RasterGrid Grid(double[] field, int w, int h, double cell) =>
        new(w, h, new GeoTransform(0, cell, 0, h * cell, 0, -cell), [field.Select(v => (float)v).ToArray()])
        {
            CrsKind = CrsKind.Projected,
        };

    private static double[] ToDouble(float[] values, double scale) => values.Select(v => v * scale).ToArray();
}
