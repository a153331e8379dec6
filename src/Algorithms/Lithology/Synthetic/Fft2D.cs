namespace GisBridge.Algorithms.Lithology.Synthetic;

/// <summary>
/// Small radix-2 complex FFT (rows then columns) and wavenumbers for the Parker forward model of the synthetic
/// benchmark, which sums complex spectra of a density stack (the residual and derivative bands use the shared
/// Gravity code, see PotentialFieldFilters).
/// </summary>
public static class Fft2D
{
    public static int NextPowerOfTwo(int n)
    {
        int p = 1;
        while (p < n) p <<= 1;
        return p;
    }

    /// <summary>In-place 2-D transform of an nx x ny row-major grid (both powers of two); the inverse divides by nx*ny.</summary>
    public static void Transform(double[] re, double[] im, int nx, int ny, bool inverse)
    {
        if ((nx & (nx - 1)) != 0 || (ny & (ny - 1)) != 0) throw new ArgumentException($"FFT sizes must be powers of two, got {nx}x{ny}");
        for (int y = 0; y < ny; y++) Transform1D(re.AsSpan(y * nx, nx), im.AsSpan(y * nx, nx), inverse);
        var cr = new double[ny];
        var ci = new double[ny];
        for (int x = 0; x < nx; x++)
        {
            for (int y = 0; y < ny; y++) { cr[y] = re[y * nx + x]; ci[y] = im[y * nx + x]; }
            Transform1D(cr, ci, inverse);
            for (int y = 0; y < ny; y++) { re[y * nx + x] = cr[y]; im[y * nx + x] = ci[y]; }
        }
        if (inverse)
        {
            double s = 1.0 / ((double)nx * ny);
            for (int i = 0; i < re.Length; i++) { re[i] *= s; im[i] *= s; }
        }
    }

    private static void Transform1D(Span<double> re, Span<double> im, bool inverse)
    {
        int n = re.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) { (re[i], re[j]) = (re[j], re[i]); (im[i], im[j]) = (im[j], im[i]); }
        }
        for (int len = 2; len <= n; len <<= 1)
        {
            double ang = 2 * Math.PI / len * (inverse ? 1 : -1);
            double wr = Math.Cos(ang), wi = Math.Sin(ang);
            for (int i = 0; i < n; i += len)
            {
                double cr = 1, ci = 0;
                for (int k = 0; k < len / 2; k++)
                {
                    int a = i + k, b = a + len / 2;
                    double tr = re[b] * cr - im[b] * ci, ti = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - tr; im[b] = im[a] - ti;
                    re[a] += tr; im[a] += ti;
                    (cr, ci) = (cr * wr - ci * wi, cr * wi + ci * wr);
                }
            }
        }
    }

    /// <summary>|k| (rad per metre) of each cell of an nx x ny spectrum with cell sizes dx, dy.</summary>
    public static double[] Wavenumbers(int nx, int ny, double dx, double dy)
    {
        var k = new double[nx * ny];
        for (int y = 0; y < ny; y++)
        {
            double ky = 2 * Math.PI * (y < ny / 2 ? y : y - ny) / (ny * dy);
            for (int x = 0; x < nx; x++)
            {
                double kx = 2 * Math.PI * (x < nx / 2 ? x : x - nx) / (nx * dx);
                k[y * nx + x] = Math.Sqrt(kx * kx + ky * ky);
            }
        }
        return k;
    }
}
