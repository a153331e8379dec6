using System.Globalization;
using GisBridge.Algorithms.Common;

namespace GisBridge.Server.Io.Gdal;

/// <summary>Pixel type of a written raster.</summary>
public enum RasterPixelType { Byte, Int16, UInt16, Int32, Float32, Float64 }

/// <summary>
/// Writes <see cref="RasterGrid"/>s as tiled, compressed GeoTIFFs (<see cref="GeoTiffCompressions"/>), atomically (temporary file beside the
/// target, then rename). NaN cells are written as <see cref="RasterGrid.NoData"/>; without one (or when it does
/// not fit the pixel type) floats use NaN and integer types their conventional value (Byte 255, UInt16 65535,
/// Int16 -32768, Int32 -2147483648), set only when the grid has NaN cells. Integer types round to nearest;
/// a value out of the type's range or equal to the nodata value is refused with ArgumentException
/// rather than silently clamped or hidden. Category names are stored for any type (in the .aux.xml sidecar for
/// GeoTIFF), colours ("#rrggbb", index = pixel value) for Byte and UInt16 only (GeoTIFF's limit).
/// </summary>
public static unsafe class GdalRasterWriter
{
    private const int ChunkCells = 1 << 20;
    private const int TileSize = 256; // GDAL's default GeoTIFF tile (TILED=YES)

    public static void WriteGeoTiff(string path, RasterGrid grid, RasterPixelType type = RasterPixelType.Float32,
        GeoTiffCompression? compression = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(grid);
        if (grid.CategoryColors.Count > 0 && type is not (RasterPixelType.Byte or RasterPixelType.UInt16))
            throw new ArgumentException($"colour tables need a Byte or UInt16 raster, not {type} (writing '{path}')");
        int maxEntries = type == RasterPixelType.Byte ? 256 : 65536;
        if (grid.CategoryColors.Count > maxEntries || grid.CategoryNames.Count > maxEntries)
            throw new ArgumentException($"{type} rasters can have at most {maxEntries} categories (writing '{path}')");
        var colours = grid.CategoryColors.Select((c, i) => ParseColour(c, i, path)).ToList();
        double? noData = ChooseNoData(grid, type);
        GdalLibrary.EnsureInitialized();
        var chosen = compression ?? GeoTiffCompressions.Default;
        AtomicFile.Write(path, ".tif", temp => WriteTo(temp, path, grid, type, noData, colours, chosen));
    }

    /// <summary>As above with the protocol's data type (Unspecified = Float32).</summary>
    public static void WriteGeoTiff(string path, RasterGrid grid, GisBridge.Protocol.V1.RasterDataType type) =>
        WriteGeoTiff(path, grid, RasterPixelTypes.FromProtocol(type));

    private static void WriteTo(string temp, string target, RasterGrid grid, RasterPixelType type, double? noData,
        List<GdalNative.GDALColorEntry> colours, GeoTiffCompression compression)
    {
        bool isFloat = type is RasterPixelType.Float32 or RasterPixelType.Float64;
        nint options = 0;
        options = GdalNative.CSLSetNameValue(options, "TILED", "YES");
        options = GdalNative.CSLSetNameValue(options, "BLOCKXSIZE", "256");
        options = GdalNative.CSLSetNameValue(options, "BLOCKYSIZE", "256");
        options = GdalNative.CSLSetNameValue(options, "BIGTIFF", "IF_SAFER");
        foreach (var (name, value) in GeoTiffCompressions.CreationOptions(compression, isFloat))
            options = GdalNative.CSLSetNameValue(options, name, value);
        GdalDataset ds;
        try
        {
            ds = GdalDataset.Create("GTiff", temp, grid.Width, grid.Height, grid.Bands.Count, GdalType(type), options);
        }
        catch (GdalException e)
        {
            throw new GdalException(e.Message.Replace(temp, target), target, e.Kind, e.GdalMessage);
        }
        finally
        {
            GdalNative.CSLDestroy(options);
        }
        using (ds)
        {
            var gt = grid.Transform.ToArray();
            GdalErrors.Reset();
            fixed (double* p = gt)
                GdalErrors.Check(GdalNative.GDALSetGeoTransform(ds.Handle, p), "cannot set the geotransform of", target);
            if (!string.IsNullOrWhiteSpace(grid.CrsWkt))
            {
                GdalErrors.Reset();
                GdalErrors.Check(GdalNative.GDALSetProjection(ds.Handle, grid.CrsWkt), "cannot set the CRS of", target);
            }
            for (int b = 0; b < grid.Bands.Count; b++)
            {
                nint band = GdalNative.GDALGetRasterBand(ds.Handle, b + 1);
                if (band == 0)
                    throw GdalErrors.Error($"cannot access band {b + 1} of", target);
                if (noData is { } nd)
                {
                    GdalErrors.Reset();
                    GdalErrors.Check(GdalNative.GDALSetRasterNoDataValue(band, nd), "cannot set the nodata value of", target);
                }
                if (b < grid.BandNames.Count && !string.IsNullOrEmpty(grid.BandNames[b]))
                    GdalNative.GDALSetDescription(band, grid.BandNames[b]);
                if (b < grid.BandUnits.Count && !string.IsNullOrEmpty(grid.BandUnits[b]))
                    GdalErrors.Check(GdalNative.GDALSetRasterUnitType(band, grid.BandUnits[b]), "cannot set the units of", target);
                if (b == 0)
                    WriteCategories(band, grid.CategoryNames, colours, target);
                WriteBand(band, grid, b, type, noData, target);
            }
            ds.CloseChecked();
        }
    }

    private static void WriteBand(nint band, RasterGrid grid, int b, RasterPixelType type, double? noData, string target)
    {
        var (min, max) = Range(type);
        bool isFloat = type is RasterPixelType.Float32 or RasterPixelType.Float64;
        float fill = noData is { } nd ? (float)nd : float.NaN;
        var data = grid.Bands[b];
        int width = grid.Width;
        // Whole rows of 256-row tiles per call: each call completes its tiles, so GDAL compresses and writes them at
        // once (on all cores) instead of keeping half-filled tiles in its cache across calls.
        int rowsPerChunk = Math.Min(grid.Height, Math.Max(TileSize, ChunkCells / width / TileSize * TileSize));
        if (isFloat && double.IsNaN(noData ?? double.NaN))
        {
            // NaN is the nodata value: the cells go out as they are, GDAL reads them straight from the band.
            for (int row = 0; row < grid.Height; row += rowsPerChunk)
                WriteRows(band, data.AsSpan(row * width, Math.Min(rowsPerChunk, grid.Height - row) * width), row, width, b, target);
            return;
        }
        var buffer = new float[rowsPerChunk * width];
        for (int row = 0; row < grid.Height; row += rowsPerChunk)
        {
            int rows = Math.Min(rowsPerChunk, grid.Height - row);
            long start = (long)row * width;
            for (int i = 0; i < rows * width; i++)
            {
                float v = data[start + i];
                if (float.IsNaN(v))
                {
                    buffer[i] = fill;
                    continue;
                }
                if (!isFloat)
                {
                    double r = Math.Round((double)v, MidpointRounding.AwayFromZero);
                    if (!(r >= min && r <= max))
                        throw new ArgumentException(
                            $"band {b + 1} cell (row {(start + i) / width}, col {(start + i) % width}) = {v.ToString(CultureInfo.InvariantCulture)} " +
                            $"does not fit a {type} raster ({min}..{max}) (writing '{target}')");
                    v = (float)r;
                }
                if (noData is { } n && !double.IsNaN(n) && v == (float)n)
                    throw new ArgumentException(
                        $"band {b + 1} cell (row {(start + i) / width}, col {(start + i) % width}) holds the nodata value " +
                        $"{n.ToString(CultureInfo.InvariantCulture)} as a valid value; choose another RasterGrid.NoData (writing '{target}')");
                buffer[i] = v;
            }
            WriteRows(band, buffer.AsSpan(0, rows * width), row, width, b, target);
        }
    }

    private static void WriteRows(nint band, ReadOnlySpan<float> cells, int row, int width, int b, string target)
    {
        int rows = cells.Length / width;
        GdalErrors.Reset();
        int err;
        fixed (float* p = cells)
            err = GdalNative.GDALRasterIO(band, GdalNative.GF_Write, 0, row, width, rows, p, width, rows, GdalNative.GDT_Float32, 0, 0);
        if (err != GdalNative.CE_None)
            throw GdalErrors.Error($"cannot write band {b + 1}, rows {row}..{row + rows - 1} of", target);
    }

    internal static void WriteCategories(nint band, IReadOnlyList<string> names, List<GdalNative.GDALColorEntry> colours,
        string target)
    {
        if (colours.Count > 0)
        {
            nint table = GdalNative.GDALCreateColorTable(GdalNative.GPI_RGB);
            try
            {
                for (int i = 0; i < colours.Count; i++)
                {
                    var e = colours[i];
                    GdalNative.GDALSetColorEntry(table, i, &e);
                }
                GdalErrors.Reset();
                GdalErrors.Check(GdalNative.GDALSetRasterColorTable(band, table), "cannot set the colour table of", target);
                GdalNative.GDALSetRasterColorInterpretation(band, GdalNative.GCI_PaletteIndex);
            }
            finally
            {
                GdalNative.GDALDestroyColorTable(table); // the band keeps its own copy
            }
        }
        if (names.Count > 0)
        {
            nint list = 0;
            foreach (var name in names)
                list = GdalNative.CSLAddString(list, name ?? "");
            try
            {
                GdalErrors.Reset();
                GdalErrors.Check(GdalNative.GDALSetRasterCategoryNames(band, list), "cannot set the category names of", target);
            }
            finally
            {
                GdalNative.CSLDestroy(list);
            }
        }
    }

    /// <summary>The nodata value written (see the class remarks), null when none is needed.</summary>
    internal static double? ChooseNoData(RasterGrid grid, RasterPixelType type)
    {
        if (type is RasterPixelType.Float32 or RasterPixelType.Float64)
        {
            if (grid.NoData is { } f && !double.IsNaN(f) && (type == RasterPixelType.Float64 || float.IsFinite((float)f)))
                return f;
            return double.NaN;
        }
        var (min, max) = Range(type);
        if (grid.NoData is { } n && n >= min && n <= max && n == Math.Floor(n))
            return n;
        bool anyNaN = grid.Bands.Any(band => Array.Exists(band, float.IsNaN));
        if (!anyNaN)
            return null;
        return type switch
        {
            RasterPixelType.Byte => 255,
            RasterPixelType.UInt16 => 65535,
            RasterPixelType.Int16 => -32768,
            _ => int.MinValue,
        };
    }

    private static (double Min, double Max) Range(RasterPixelType type) => type switch
    {
        RasterPixelType.Byte => (0, 255),
        RasterPixelType.UInt16 => (0, 65535),
        RasterPixelType.Int16 => (-32768, 32767),
        RasterPixelType.Int32 => (int.MinValue, int.MaxValue),
        _ => (double.NegativeInfinity, double.PositiveInfinity),
    };

    internal static int GdalType(RasterPixelType type) => type switch
    {
        RasterPixelType.Byte => GdalNative.GDT_Byte,
        RasterPixelType.UInt16 => GdalNative.GDT_UInt16,
        RasterPixelType.Int16 => GdalNative.GDT_Int16,
        RasterPixelType.Int32 => GdalNative.GDT_Int32,
        RasterPixelType.Float32 => GdalNative.GDT_Float32,
        RasterPixelType.Float64 => GdalNative.GDT_Float64,
        _ => throw new ArgumentException($"unknown pixel type {type}"),
    };

    /// <summary>"#rrggbb" or "#rrggbbaa" to a colour entry; ArgumentException naming the category otherwise.</summary>
    internal static GdalNative.GDALColorEntry ParseColour(string colour, int index, string path)
    {
        string s = (colour ?? "").Trim();
        if (s.StartsWith('#'))
            s = s[1..];
        if ((s.Length == 6 || s.Length == 8) && uint.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint v))
        {
            if (s.Length == 6)
                v = (v << 8) | 0xff;
            return new GdalNative.GDALColorEntry
            {
                C1 = (short)(v >> 24), C2 = (short)((v >> 16) & 0xff), C3 = (short)((v >> 8) & 0xff), C4 = (short)(v & 0xff),
            };
        }
        throw new ArgumentException($"category colour {index} '{colour}' is not \"#rrggbb\" (writing '{path}')");
    }
}
