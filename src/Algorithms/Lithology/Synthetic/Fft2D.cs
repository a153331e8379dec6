namespace GisBridge.Algorithms.Lithology.Synthetic;

/// <summary>
/// Small radix-2 complex FFT (rows then columns) and a radially symmetric wavenumber filter, for the synthetic
/// forward model and its residual / derivative bands. Kept generic and local on purpose: at merge it may be
/// replaced by the shared Gravity FFT helpers (src/Algorithms/Gravity) without changing the results' meaning.
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

    /// <summary>
    /// Multiplies the spectrum of a w x h grid by response(|k|). The grid is padded to twice its size (next power of
    /// two) by even reflection (a field: avoids edge jumps) or zeros (a source distribution: nothing outside);
    /// the mean is removed before and, scaled by response(0), restored after.
    /// </summary>
    public static double[] FilterRadial(double[] grid, int w, int h, double dx, double dy, Func<double, double> response, bool mirror)
    {
        int nx = NextPowerOfTwo(2 * w), ny = NextPowerOfTwo(2 * h);
        double mean = mirror ? grid.Average() : 0;
        var re = new double[nx * ny];
        var im = new double[nx * ny];
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++)
            {
                if (mirror) re[y * nx + x] = grid[Reflect(y, h, ny) * w + Reflect(x, w, nx)] - mean;
                else if (x < w && y < h) re[y * nx + x] = grid[y * w + x];
            }
        Transform(re, im, nx, ny, false);
        var k = Wavenumbers(nx, ny, dx, dy);
        for (int i = 0; i < re.Length; i++) { double r = response(k[i]); re[i] *= r; im[i] *= r; }
        Transform(re, im, nx, ny, true);
        var result = new double[w * h];
        double restored = mean * response(0);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) result[y * w + x] = re[y * nx + x] + restored;
        return result;
    }

    // Index into [0, n) of position p of a padded axis of length m: the first half of the padding mirrors the end
    // of the grid, the second half its start, so that the periodic extension has no jump.
    private static int Reflect(int p, int n, int m)
    {
        if (p < n) return p;
        int q = p - n < (m - n) / 2 ? n - 1 - (p - n) : m - p - 1;
        return Math.Clamp(q, 0, n - 1);
    }
}
