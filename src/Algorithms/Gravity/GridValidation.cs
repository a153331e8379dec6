using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Gravity;

/// <summary>
/// Checks a grid before any FFT filter and derives its metric. Every refusal is an ArgumentException whose
/// message names the problem and what to do about it.
/// </summary>
internal static class GridValidation
{
    /// <summary>Smallest grid (cells in each direction) that a spectral filter can work on.</summary>
    public const int MinimumCells = 4;

    public static GridMetric Validate(RasterGrid grid, int band, FftOptions fft, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(fft);
        CheckFftOptions(fft);
        if (band < 0 || band >= grid.Bands.Count)
            throw new ArgumentException($"band {band} does not exist: the grid has {grid.Bands.Count} band(s) (0-based)", nameof(band));
        if (grid.Width < MinimumCells || grid.Height < MinimumCells)
            throw new ArgumentException(
                $"grid is too small: {grid.Width}x{grid.Height} cells, a spectral filter needs at least {MinimumCells}x{MinimumCells}");
        var t = grid.Transform;
        if (t.IsRotated)
            throw new ArgumentException(
                $"rotated geotransform (row rotation {t.RowRotation}, column rotation {t.ColumnRotation}) is not supported; " +
                "warp the grid to a north-up grid first (e.g. gdalwarp)");
        if (!double.IsFinite(t.PixelWidth) || t.PixelWidth == 0 || !double.IsFinite(t.PixelHeight) || t.PixelHeight == 0)
            throw new ArgumentException(
                $"pixel size must be finite and non-zero, got width {t.PixelWidth} and height {t.PixelHeight}");
        if (!double.IsFinite(t.OriginX) || !double.IsFinite(t.OriginY))
            throw new ArgumentException($"geotransform origin must be finite, got ({t.OriginX}, {t.OriginY})");
        CheckValues(grid.Bands[band], grid.Width, band);

        return grid.CrsKind switch
        {
            CrsKind.Geographic => GeographicMetric(grid),
            CrsKind.Projected => ProjectedMetric(grid),
            _ => UnknownCrsMetric(grid, warnings),
        };
    }

    public static void CheckFftOptions(FftOptions fft)
    {
        if (!double.IsFinite(fft.PadFraction) || fft.PadFraction < 0 || fft.PadFraction > 2)
            throw new ArgumentException($"PadFraction must be between 0 and 2 (fraction of the grid size added on each side), got {fft.PadFraction}");
        if (!Enum.IsDefined(fft.Padding))
            throw new ArgumentException($"Padding {(int)fft.Padding} is not a padding mode (Mirror, Edge, Zero, EdgeSymmetric, SoftMirror, MaxEntropy)");
        if (!double.IsFinite(fft.TaperWidth) || fft.TaperWidth <= 0 || fft.TaperWidth > 1)
            throw new ArgumentException($"TaperWidth must be in (0, 1] (fraction of each margin the taper spans), got {fft.TaperWidth}");
        if (fft.PredictorOrder is < 1 or > 8)
            throw new ArgumentException($"PredictorOrder must be between 1 and 8 (cells of the maximum-entropy predictor), got {fft.PredictorOrder}");
        if (!Enum.IsDefined(fft.Taper))
            throw new ArgumentException($"Taper {(int)fft.Taper} is not a taper mode (Cosine, None)");
        if (!Enum.IsDefined(fft.Detrend))
            throw new ArgumentException($"Detrend {(int)fft.Detrend} is not a detrend mode (Plane, Mean, None, BorderPlane)");
        if (fft.LatitudeNodes is < 1 or > 64)
            throw new ArgumentException($"LatitudeNodes must be between 1 and 64 (or unset for automatic), got {fft.LatitudeNodes}");
    }

    private static void CheckValues(float[] values, int width, int band)
    {
        // Per row range: the first infinite cell (or -1) and whether any cell is valid; the first range reporting
        // one names the cell, so the message is the one a sequential scan would give.
        var parts = ParallelRanges.Map(values.Length, 1 << 20, (start, end) =>
        {
            bool anyValid = false;
            for (int i = start; i < end; i++)
            {
                float v = values[i];
                if (float.IsInfinity(v)) return (Infinite: i, AnyValid: true);
                anyValid |= !float.IsNaN(v);
            }
            return (Infinite: -1, AnyValid: anyValid);
        });
        foreach (var (infinite, _) in parts)
            if (infinite >= 0)
                throw new ArgumentException($"band {band} has an infinite value at row {infinite / width}, column {infinite % width}; use NaN (nodata) for missing cells");
        if (!parts.Any(p => p.AnyValid))
            throw new ArgumentException($"band {band} has no valid cell: every cell is NaN/nodata");
    }

    private static GridMetric ProjectedMetric(RasterGrid grid)
    {
        double unit = grid.LinearUnitMetres;
        if (!double.IsFinite(unit) || unit <= 0)
            throw new ArgumentException($"LinearUnitMetres must be a positive number of metres per CRS unit, got {unit}");
        return GridMetric.Projected(Math.Abs(grid.Transform.PixelWidth) * unit, Math.Abs(grid.Transform.PixelHeight) * unit);
    }

    private static GridMetric UnknownCrsMetric(RasterGrid grid, List<string> warnings)
    {
        var t = grid.Transform;
        double x0 = t.OriginX, x1 = t.OriginX + grid.Width * t.PixelWidth;
        double y0 = t.OriginY, y1 = t.OriginY + grid.Height * t.PixelHeight;
        if (t.LooksLikeDegrees(grid.Width, grid.Height))
            throw new ArgumentException(
                $"the grid has no CRS and its coordinates look like degrees (x {Math.Min(x0, x1)}..{Math.Max(x0, x1)}, " +
                $"y {Math.Min(y0, y1)}..{Math.Max(y0, y1)}, cell {Math.Abs(t.PixelWidth)} x {Math.Abs(t.PixelHeight)}); " +
                "assign a CRS (e.g. gdal_edit.py -a_srs EPSG:4326 for longitude/latitude, or the projected CRS in metres) " +
                "so that the cell size in metres is known");
        warnings.Add("the grid has no CRS: its coordinates are taken as metres");
        return ProjectedMetric(grid);
    }

    private static GridMetric GeographicMetric(RasterGrid grid)
    {
        var t = grid.Transform;
        double span = Math.Abs(t.PixelWidth) * grid.Width;
        if (span > 360 * (1 + 1e-6))
            throw new ArgumentException($"geographic grid spans {span} degrees of longitude, more than 360");
        var lats = new double[grid.Height];
        for (int r = 0; r < grid.Height; r++)
        {
            lats[r] = t.CenterY(r);
            if (Math.Abs(lats[r]) > 90)
                throw new ArgumentException(
                    $"geographic grid row {r} has its centre at latitude {lats[r]}, outside -90..90: check the geotransform and CRS");
        }
        if (grid.SemiMajorAxis is not (> 0 and < double.PositiveInfinity))
            throw new ArgumentException($"SemiMajorAxis must be a positive number of metres, got {grid.SemiMajorAxis}");
        return GridMetric.FromGeographic(new GeographicGridMetric(grid.SemiMajorAxis, grid.InverseFlattening,
            t.PixelWidth, t.PixelHeight, lats, grid.Width));
    }
}
