namespace GisBridge.Algorithms.Gravity;

/// <summary>
/// Removes the wrap-around of the FFT from a filtered grid. The discrete filter convolves the padded array
/// periodically: every output also receives the filtered field of the array's copies one period away in each
/// direction (with a 25 % pad these copies sit only half a grid away). Continuation spreads each anomaly's mass
/// over a wide area (the kernel falls only as h/r^3), so these periodic images raise the whole output by a smooth
/// bias - 2 % RMS on isolated buried masses with the default pad, the dominant error of FFT continuation.
/// <para>
/// Far from the array the filtered field is given by the multipole expansion of the padded array: total mass M0
/// times the filter's spatial kernel K(r), minus the first moment M1 dotted with grad K. This class sums those two
/// terms over the images n != 0 of a (2N+1)^2 lattice, adds the monopole's remaining far lattice as an integral,
/// and evaluates the sum on a coarse mesh over the data, interpolated bilinearly (the bias is smooth on the scale of
/// the period). The engine subtracts it, which turns the periodic convolution into the ordinary (aperiodic) one of
/// the padded array to dipole order.
/// </para>
/// </summary>
internal sealed class PeriodicImageCorrection
{
    private const int LatticeHalfWidth = 8;
    private const int MeshCells = 48;

    private readonly double[,] _mesh;
    private readonly PaddedLayout _layout;

    private readonly int[] _column;        // mesh interval of each column
    private readonly double[] _columnT;    // and the column's position in it (0..1)

    private PeriodicImageCorrection(double[,] mesh, PaddedLayout layout)
    {
        _mesh = mesh;
        _layout = layout;
        // The column interpolation is the same on every row: computed once, not per cell.
        _column = new int[layout.Width];
        _columnT = new double[layout.Width];
        for (int c = 0; c < layout.Width; c++)
        {
            double fj = layout.Width > 1 ? (double)c * MeshCells / (layout.Width - 1) : 0;
            _column[c] = Math.Min((int)fj, MeshCells - 1);
            _columnT[c] = fj - _column[c];
        }
    }

    /// <summary>Moments of the padded array in cell units about its centre: sum, sum*(col-cc), sum*(row-rc).</summary>
    public static (double M0, double Mx, double My) Moments(ReadOnlySpan<float> padded, PaddedLayout l)
    {
        double cc = (l.PaddedWidth - 1) / 2.0, rc = (l.PaddedHeight - 1) / 2.0;
        double m0 = 0, mx = 0, my = 0;
        for (int r = 0; r < l.PaddedHeight; r++)
        {
            var row = padded.Slice(r * l.PaddedWidth, l.PaddedWidth);
            double s = 0, sx = 0;
            for (int c = 0; c < row.Length; c++) { s += row[c]; sx += row[c] * (c - cc); }
            m0 += s; mx += sx; my += s * (r - rc);
        }
        return (m0, mx, my);
    }

    /// <summary>The image bias for one filter and one cell spacing, or null when the filter has no far-field kernel.</summary>
    public static PeriodicImageCorrection? Create(RadialFilter filter, (double M0, double Mx, double My) moments,
        PaddedLayout l, double dx, double dy)
    {
        if (!filter.HasFarField) return null;
        double area = dx * dy, lx = l.PaddedWidth * dx, ly = l.PaddedHeight * dy;
        double m0 = moments.M0 * area, mx = moments.Mx * area * dx, my = moments.My * area * dy;
        double cc = (l.PaddedWidth - 1) / 2.0, rc = (l.PaddedHeight - 1) / 2.0;
        // Far lattice beyond the summed (2N+1)^2 block, as a disc of the same area: M0 * integral K dA / (Lx Ly).
        double radius = (2 * LatticeHalfWidth + 1) * Math.Sqrt(lx * ly / Math.PI);
        double tail = m0 * filter.FarFieldIntegralBeyond(radius) / (lx * ly);

        var mesh = new double[MeshCells + 1, MeshCells + 1];
        for (int i = 0; i <= MeshCells; i++)
        {
            double row = l.Top + (l.Height - 1) * (double)i / MeshCells;
            for (int j = 0; j <= MeshCells; j++)
            {
                double col = l.Left + (l.Width - 1) * (double)j / MeshCells;
                double x = (col - cc) * dx, y = (row - rc) * dy, sum = 0;
                for (int nx = -LatticeHalfWidth; nx <= LatticeHalfWidth; nx++)
                    for (int ny = -LatticeHalfWidth; ny <= LatticeHalfWidth; ny++)
                    {
                        if (nx == 0 && ny == 0) continue;
                        double px = x + nx * lx, py = y + ny * ly, r = Math.Sqrt(px * px + py * py);
                        double k = filter.FarField(r), dk = filter.FarFieldSlope(r);
                        sum += m0 * k - (mx * px + my * py) / r * dk;
                    }
                mesh[i, j] = sum + tail;
            }
        }
        return new PeriodicImageCorrection(mesh, l);
    }

    /// <summary>The bias along data row <paramref name="row"/> of the unpadded grid, interpolated bilinearly in the
    /// mesh: the two mesh rows are blended once per row, so each cell costs one linear interpolation.</summary>
    public void Row(int row, Span<double> bias)
    {
        double fi = _layout.Height > 1 ? (double)row * MeshCells / (_layout.Height - 1) : 0;
        int i = Math.Min((int)fi, MeshCells - 1);
        double ti = fi - i;
        Span<double> blended = stackalloc double[MeshCells + 1];
        for (int j = 0; j <= MeshCells; j++) blended[j] = (1 - ti) * _mesh[i, j] + ti * _mesh[i + 1, j];
        for (int c = 0; c < bias.Length; c++)
        {
            int j = _column[c];
            double tj = _columnT[c];
            bias[c] = (1 - tj) * blended[j] + tj * blended[j + 1];
        }
    }
}
