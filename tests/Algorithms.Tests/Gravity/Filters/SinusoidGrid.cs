using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Gravity;

namespace GisBridge.Algorithms.Tests.Gravity;

/// <summary>Plane waves on projected grids with a whole number of cycles across the grid, so that an unpadded FFT
/// sees them exactly, and the gain a filter gave one of them.</summary>
internal static class SinusoidGrid
{
    /// <summary>cos(2 pi (m x / Lx + p y / Ly)) on a width x height grid of <paramref name="cell"/> metres,
    /// x east and y north (the grid is north-up or south-up).</summary>
    public static RasterGrid Wave(int width, int height, double cell, int m, int p, bool northUp = true) =>
        PointMassField.Grid(width, height, cell, cell, 0, 0,
            (x, y) => Math.Cos(2 * Math.PI * (m * x / (width * cell) + p * y / (height * cell))), northUp);

    /// <summary>Least-squares gain of output against input: sum(o i) / sum(i i) over the valid cells.</summary>
    public static double Gain(float[] input, float[] output)
    {
        double oi = 0, ii = 0;
        for (int i = 0; i < input.Length; i++)
        {
            if (float.IsNaN(output[i])) continue;
            oi += (double)output[i] * input[i];
            ii += (double)input[i] * input[i];
        }
        return oi / ii;
    }

    /// <summary>Without padding, detrend or taper: the FFT then sees the periodic wave as it is.</summary>
    public static readonly FftOptions Periodic = new() { PadFraction = 0, Detrend = DetrendMode.None, Taper = TaperMode.None };
}
