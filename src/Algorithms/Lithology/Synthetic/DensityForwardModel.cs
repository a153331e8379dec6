using GisBridge.Algorithms.Common;
using TorchSharp;
using static TorchSharp.torch;

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
/// Sources are zero-padded to twice the grid (no mass outside it); the transforms are torch.fft's. Output in mGal.
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
    /// <param name="cancellation">checked before each sheet: one large grid is a long computation.</param>
    public static double[] BouguerAnomaly(float[] bedrockContrast, float[] coverThickness, double coverContrast,
        int width, int height, double cell, double baseDepth, double observationHeight = 0, int slices = 8,
        CancellationToken cancellation = default)
    {
        if (bedrockContrast.Length != width * height || coverThickness.Length != width * height)
            throw new ArgumentException($"forward model: density and cover grids must have {width}x{height} cells");
        if (cell <= 0 || baseDepth <= 0 || slices < 1 || observationHeight < 0)
            throw new ArgumentException("forward model: cell size, base depth and slice count must be positive, height >= 0");
        double maxCover = coverThickness.Max();
        if (maxCover >= baseDepth)
            throw new ArgumentException($"forward model: cover up to {maxCover:F0} m reaches the bedrock base at {baseDepth:F0} m");
        // Float64 throughout: sheets of a few metres add small terms to a large slab spectrum.
        int nx = 2 * width, ny = 2 * height;
        using var scope = torch.NewDisposeScope();
        var k = Wavenumbers(nx, ny, cell);
        // Temporaries of each step are disposed at its end and the spectrum is updated in place: the scope alone
        // would keep them all to the end, several grids' worth each.
        var sum = Spectrum(bedrockContrast.Select(v => (double)v).ToArray(), width, height, nx, ny);
        using (torch.NewDisposeScope())
            sum.mul_(torch.where(k.LessThan(1e-12), torch.tensor(baseDepth, dtype: ScalarType.Float64), torch.exp(k.Times(-baseDepth)).SubtractedFrom(1) / k));
        double dz = maxCover / slices;
        var sheet = new double[width * height];
        for (int n = 0; n < slices && dz > 0; n++)
        {
            cancellation.ThrowIfCancellationRequested();
            double z = (n + 0.5) * dz;
            for (int i = 0; i < sheet.Length; i++)
                sheet[i] = coverThickness[i] > z ? (coverContrast - bedrockContrast[i]) * dz : 0.0;
            using var sheetScope = torch.NewDisposeScope();
            sum.PlusInPlace(Spectrum(sheet, width, height, nx, ny).mul_(torch.exp(k.Times(-z))));
        }
        cancellation.ThrowIfCancellationRequested();
        using (torch.NewDisposeScope())
            sum.mul_(torch.exp(k.Times(-observationHeight)).TimesInPlace(2 * Math.PI * GravitationalConstant * MgalPerSi));
        k.Dispose();
        var g = torch.fft.irfft2(sum, s: [ny, nx]).narrow(0, 0, height).narrow(1, 0, width).contiguous();
        return g.data<double>().ToArray();
    }

    /// <summary>2-D real FFT (torch.fft.rfft2) of a width x height source zero-padded to nx x ny.</summary>
    private static Tensor Spectrum(double[] source, int width, int height, int nx, int ny)
    {
        using var scope = torch.NewDisposeScope();
        var padded = torch.zeros(ny, nx, dtype: ScalarType.Float64);
        padded.narrow(0, 0, height).narrow(1, 0, width).copy_(torch.tensor(source, dtype: ScalarType.Float64).reshape(height, width));
        return torch.fft.rfft2(padded).MoveToOuterDisposeScope();
    }

    /// <summary>|k| (rad per metre) of the ny x (nx / 2 + 1) half spectrum of rfft2, square cells of <paramref name="cell"/> metres.</summary>
    private static Tensor Wavenumbers(int nx, int ny, double cell)
    {
        using var scope = torch.NewDisposeScope();
        var ky = torch.fft.fftfreq(ny, cell, dtype: ScalarType.Float64).Times(2 * Math.PI);
        var kx = torch.fft.rfftfreq(nx, cell, dtype: ScalarType.Float64).Times(2 * Math.PI);
        return torch.sqrt(ky.unsqueeze(1).Squared().Plus(kx.unsqueeze(0).Squared())).MoveToOuterDisposeScope();
    }
}
