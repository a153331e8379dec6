namespace GisBridge.Algorithms.Lithology.Data;

/// <summary>One clipping window on the source grid: top-left cell and size in cells, and the scale it belongs to.</summary>
public readonly record struct DatasetWindow(int Scale, int Col, int Row, int Width, int Height);

/// <summary>
/// Multi-scale sliding-window clipping (GGMNet paper, section 3.3 and Table 2): windows of several sizes slide over
/// the grid with a stride (a fraction of the window), each window is resampled to a fixed tile size (bilinear for
/// the image bands, nearest for the labels). Pure array code; the caller converts window sizes from map units to cells.
/// </summary>
public static class DatasetWindows
{
    /// <summary>
    /// Window positions for one scale. Windows start at 0 and step by max(1, round(size x strideFraction)); a last
    /// window flush with the right / bottom edge is added so that the whole grid is covered.
    /// </summary>
    public static IReadOnlyList<DatasetWindow> Place(int gridWidth, int gridHeight, int windowWidth, int windowHeight,
        double strideFraction, int scale = 0)
    {
        if (gridWidth < 1 || gridHeight < 1) throw new ArgumentException($"grid size must be positive, got {gridWidth}x{gridHeight}");
        if (windowWidth < 2 || windowHeight < 2)
            throw new ArgumentException($"windows: window {scale} is {windowWidth}x{windowHeight} cells; at least 2x2 cells are needed");
        if (windowWidth > gridWidth || windowHeight > gridHeight)
            throw new ArgumentException($"windows: window {scale} ({windowWidth}x{windowHeight} cells) is larger than the grid ({gridWidth}x{gridHeight} cells)");
        if (!(strideFraction > 0 && strideFraction <= 1))
            throw new ArgumentException($"stride_fraction: must be in (0, 1], got {strideFraction}");
        var cols = Starts(gridWidth, windowWidth, strideFraction);
        var rows = Starts(gridHeight, windowHeight, strideFraction);
        var windows = new List<DatasetWindow>(cols.Count * rows.Count);
        foreach (int r in rows)
            foreach (int c in cols)
                windows.Add(new DatasetWindow(scale, c, r, windowWidth, windowHeight));
        return windows;
    }

    private static List<int> Starts(int grid, int window, double strideFraction)
    {
        int stride = Math.Max(1, (int)Math.Round(window * strideFraction));
        var starts = new List<int>();
        for (int s = 0; s + window <= grid; s += stride) starts.Add(s);
        if (starts[^1] + window < grid) starts.Add(grid - window);
        return starts;
    }

    /// <summary>
    /// Bilinear resampling of a window of <paramref name="band"/> (row-major, NaN = nodata) to tile x tile cells.
    /// Tile cell centres map onto the window's extent; NaN neighbours are left out of the weights (NaN when all are).
    /// </summary>
    public static float[] ResampleBilinear(float[] band, int gridWidth, int gridHeight, DatasetWindow w, int tile)
    {
        CheckArgs(band.Length, gridWidth, gridHeight, w, tile);
        var result = new float[tile * tile];
        double sx = (double)w.Width / tile, sy = (double)w.Height / tile;
        for (int i = 0; i < tile; i++)
        {
            double y = Math.Clamp(w.Row + (i + 0.5) * sy - 0.5, 0, gridHeight - 1);
            int y0 = Math.Min((int)y, gridHeight - 1), y1 = Math.Min(y0 + 1, gridHeight - 1);
            double fy = y - y0;
            for (int j = 0; j < tile; j++)
            {
                double x = Math.Clamp(w.Col + (j + 0.5) * sx - 0.5, 0, gridWidth - 1);
                int x0 = Math.Min((int)x, gridWidth - 1), x1 = Math.Min(x0 + 1, gridWidth - 1);
                double fx = x - x0;
                double sum = 0, weight = 0;
                Accumulate(band[y0 * gridWidth + x0], (1 - fx) * (1 - fy), ref sum, ref weight);
                Accumulate(band[y0 * gridWidth + x1], fx * (1 - fy), ref sum, ref weight);
                Accumulate(band[y1 * gridWidth + x0], (1 - fx) * fy, ref sum, ref weight);
                Accumulate(band[y1 * gridWidth + x1], fx * fy, ref sum, ref weight);
                result[i * tile + j] = weight > 0 ? (float)(sum / weight) : float.NaN;
            }
        }
        return result;
    }

    private static void Accumulate(float v, double w, ref double sum, ref double weight)
    {
        if (!float.IsFinite(v) || w <= 0) return;
        sum += v * w;
        weight += w;
    }

    /// <summary>Nearest-neighbour resampling of a window of class labels (row-major) to tile x tile cells.</summary>
    public static byte[] ResampleNearest(byte[] labels, int gridWidth, int gridHeight, DatasetWindow w, int tile)
    {
        CheckArgs(labels.Length, gridWidth, gridHeight, w, tile);
        var result = new byte[tile * tile];
        double sx = (double)w.Width / tile, sy = (double)w.Height / tile;
        for (int i = 0; i < tile; i++)
        {
            int y = Math.Min(w.Row + (int)((i + 0.5) * sy), gridHeight - 1);
            for (int j = 0; j < tile; j++)
            {
                int x = Math.Min(w.Col + (int)((j + 0.5) * sx), gridWidth - 1);
                result[i * tile + j] = labels[y * gridWidth + x];
            }
        }
        return result;
    }

    private static void CheckArgs(int length, int gridWidth, int gridHeight, DatasetWindow w, int tile)
    {
        if (length != gridWidth * gridHeight) throw new ArgumentException($"array has {length} cells, grid is {gridWidth}x{gridHeight}");
        if (tile < 1) throw new ArgumentException($"tile: must be positive, got {tile}");
        if (w.Col < 0 || w.Row < 0 || w.Col + w.Width > gridWidth || w.Row + w.Height > gridHeight)
            throw new ArgumentException($"window {w} lies outside the {gridWidth}x{gridHeight} grid");
    }

    /// <summary>Fraction of a tile's cells that carry a class (not <see cref="SegmentationTile.Ignore"/>): the outcrop.</summary>
    public static double OutcropFraction(byte[] labels)
    {
        if (labels.Length == 0) return 0;
        int n = 0;
        foreach (var l in labels) if (l != SegmentationTile.Ignore) n++;
        return (double)n / labels.Length;
    }

    /// <summary>Labels with every cell under cover (mask true) set to <see cref="SegmentationTile.Ignore"/>.</summary>
    public static byte[] MaskCover(byte[] labels, bool[] covered)
    {
        if (covered.Length != labels.Length) throw new ArgumentException($"cover mask has {covered.Length} cells, labels have {labels.Length}");
        var result = (byte[])labels.Clone();
        for (int i = 0; i < result.Length; i++) if (covered[i]) result[i] = SegmentationTile.Ignore;
        return result;
    }
}
