namespace GisBridge.Algorithms.Lithology.Synthetic;

/// <summary>
/// Bouguer anomaly of a bedrock layer under a sedimentary cover, by Parker's FFT method (first-order term).
/// Model (z positive down, observation at height h above z = 0):
/// <list type="bullet">
/// <item>bedrock of laterally varying density contrast ρ_b(x, y) from z = 0 to z_b: a flat slab, whose
/// spectrum is exact: ΔG(k) = 2πG e^{-|k|h} F(ρ_b) (1 - e^{-|k| z_b}) / |k| (→ z_b at k = 0);</item>
/// <item>the cover replaces bedrock down to its thickness t(x, y) with density contrast ρ_c: a depth stack of thin
/// sheets of thickness dz at depths z_n, each Δg = 2πG F^-1[e^{-|k|(z_n + h)} F((ρ_c - ρ_b) dz 1{z_n &lt; t})]
/// (the first-order Parker term of a layer of relief, summed over the stack).</item>
/// </list>
/// Sources are zero-padded to twice the grid (no mass outside it). Output in mGal.
/// </summary>
public static class DensityForwardModel
{
    public const double GravitationalConstant = 6.674e-11;
    private const double MgalPerSi = 1e5;

    /// <param name="bedrockContrast">kg/m³ relative to the reference density, per cell.</param>
    /// <param name="coverThickness">metres, per cell (0 = outcrop).</param>
    /// <param name="coverContrast">kg/m³ of the cover relative to the reference density.</param>
    /// <param name="baseDepth">bottom of the bedrock layer, metres.</param>
    /// <param name="slices">sheets in the cover stack.</param>
    public static double[] BouguerAnomaly(float[] bedrockContrast, float[] coverThickness, double coverContrast,
        int width, int height, double cell, double baseDepth, double observationHeight = 0, int slices = 8)
    {
        if (bedrockContrast.Length != width * height || coverThickness.Length != width * height)
            throw new ArgumentException($"forward model: density and cover grids must have {width}x{height} cells");
        if (cell <= 0 || baseDepth <= 0 || slices < 1 || observationHeight < 0)
            throw new ArgumentException("forward model: cell size, base depth and slice count must be positive, height >= 0");
        double maxCover = coverThickness.Max();
        if (maxCover >= baseDepth)
            throw new ArgumentException($"forward model: cover up to {maxCover:F0} m reaches the bedrock base at {baseDepth:F0} m");
        int nx = Fft2D.NextPowerOfTwo(2 * width), ny = Fft2D.NextPowerOfTwo(2 * height);
        var k = Fft2D.Wavenumbers(nx, ny, cell, cell);
        var sumRe = new double[nx * ny];
        var sumIm = new double[nx * ny];

        AddSpectrum(sumRe, sumIm, i => bedrockContrast[i], width, height, nx, ny,
            kk => kk < 1e-12 ? baseDepth : (1 - Math.Exp(-kk * baseDepth)) / kk, k);
        double dz = maxCover / slices;
        for (int n = 0; n < slices && dz > 0; n++)
        {
            double z = (n + 0.5) * dz;
            AddSpectrum(sumRe, sumIm, i => coverThickness[i] > z ? (coverContrast - bedrockContrast[i]) * dz : 0.0,
                width, height, nx, ny, kk => Math.Exp(-kk * z), k);
        }
        double scale = 2 * Math.PI * GravitationalConstant * MgalPerSi;
        for (int i = 0; i < sumRe.Length; i++)
        {
            double up = Math.Exp(-k[i] * observationHeight) * scale;
            sumRe[i] *= up;
            sumIm[i] *= up;
        }
        Fft2D.Transform(sumRe, sumIm, nx, ny, inverse: true);
        var g = new double[width * height];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++) g[y * width + x] = sumRe[y * nx + x];
        return g;
    }

    private static void AddSpectrum(double[] sumRe, double[] sumIm, Func<int, double> source, int width, int height,
        int nx, int ny, Func<double, double> kernel, double[] k)
    {
        var re = new double[nx * ny];
        var im = new double[nx * ny];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++) re[y * nx + x] = source(y * width + x);
        Fft2D.Transform(re, im, nx, ny, inverse: false);
        for (int i = 0; i < re.Length; i++)
        {
            double f = kernel(k[i]);
            sumRe[i] += re[i] * f;
            sumIm[i] += im[i] * f;
        }
    }
}
