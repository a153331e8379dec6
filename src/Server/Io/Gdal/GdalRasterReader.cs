using GisBridge.Algorithms.Common;

namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// Reads any raster GDAL can open (GeoTIFF, netCDF, GMT grids, ...) into a <see cref="RasterGrid"/>:
/// values in physical units (scale_factor/add_offset applied, e.g. netCDF packed int16), nodata cells as NaN,
/// CRS kind/unit/ellipsoid through OSR, band names, and category names + colours of classified bands. Chunking,
/// packing and thread safety of netCDF/HDF5 are GDAL's (its drivers hold their own global locks).
/// </summary>
public static unsafe class GdalRasterReader
{
    private const int ChunkCells = 1 << 20; // rows are read in chunks of about a million cells

    /// <summary>Reads all bands, or only band <paramref name="band"/> (1-based, as in GDAL).</summary>
    /// <exception cref="GdalException">Missing file, not a raster, complex band, too large, or a GDAL read error.</exception>
    /// <exception cref="ArgumentException">Band number out of range.</exception>
    public static RasterGrid Read(string path, int? band = null, RasterReadOptions? options = null)
    {
        options ??= RasterReadOptions.Default;
        using var ds = GdalDataset.OpenReadOnly(path, GdalNative.GDAL_OF_RASTER, "raster");
        var info = Describe(ds);
        if (info.Bands.Count == 0)
            throw new GdalException($"raster '{path}' has no bands (a container of subdatasets? open one of them)",
                path, GdalErrorKind.NotSupported);
        if (band is { } b && (b < 1 || b > info.Bands.Count))
            throw new ArgumentException($"band {b} does not exist in '{path}', which has {info.Bands.Count} band(s)");
        List<RasterBandInfo> selected = band is { } one ? [info.Bands[one - 1]] : [.. info.Bands];
        foreach (var bi in selected)
        {
            if (bi.IsComplex)
                throw new GdalException($"band {bi.Index} of '{path}' has complex type {bi.DataType}, which is not supported",
                    path, GdalErrorKind.NotSupported);
        }
        long cells = info.Cells * selected.Count;
        if (cells > options.MaxCells || info.Cells > Array.MaxLength)
            throw new GdalException($"raster '{path}' is too large: {info.Width}x{info.Height} x {selected.Count} band(s) = " +
                $"{cells:N0} cells, limit {options.MaxCells:N0}", path, GdalErrorKind.ResourceLimit);

        var bands = new List<float[]>(selected.Count);
        var names = new List<string>(selected.Count);
        var units = new List<string>(selected.Count);
        foreach (var bi in selected)
        {
            nint h = GdalNative.GDALGetRasterBand(ds.Handle, bi.Index);
            bands.Add(ReadBand(ds, h, bi, info.Width, info.Height));
            names.Add(BandName(h, bi));
            units.Add(GdalNative.Str(GdalNative.GDALGetRasterUnitType(h)));
        }
        nint first = GdalNative.GDALGetRasterBand(ds.Handle, selected[0].Index);
        var (categories, colours) = ReadCategories(first);
        return new RasterGrid(info.Width, info.Height, info.Transform, bands)
        {
            CrsWkt = info.CrsWkt,
            CrsKind = info.Crs.Kind,
            LinearUnitMetres = info.Crs.LinearUnitMetres,
            SemiMajorAxis = info.Crs.SemiMajorAxis,
            InverseFlattening = info.Crs.InverseFlattening,
            // The raw nodata value, kept so outputs can restore it; it is not rescaled because a scaled
            // nodata (e.g. -32768 * 0.043 - 3611 = -5022 m) could fall inside the range of valid values.
            NoData = selected[0].NoData,
            BandNames = names,
            BandUnits = units,
            CategoryNames = categories,
            CategoryColors = colours,
        };
    }

    /// <summary>Kind, linear unit and ellipsoid of a CRS given as WKT (or "EPSG:n"); Unknown for "" or unparsable text.</summary>
    public static CrsSummary DescribeCrs(string wkt)
    {
        GdalLibrary.EnsureInitialized();
        var summary = GdalCrs.Describe(wkt);
        GdalErrors.Reset();
        return summary;
    }

    /// <summary>Size, bands, types, geotransform and CRS of a raster, without reading pixels.</summary>
    public static RasterInfo Inspect(string path)
    {
        using var ds = GdalDataset.OpenReadOnly(path, GdalNative.GDAL_OF_RASTER, "raster");
        return Describe(ds);
    }

    internal static RasterInfo Describe(GdalDataset ds)
    {
        int width = GdalNative.GDALGetRasterXSize(ds.Handle);
        int height = GdalNative.GDALGetRasterYSize(ds.Handle);
        int count = GdalNative.GDALGetRasterCount(ds.Handle);
        double* gt = stackalloc double[6];
        GdalErrors.Reset();
        bool hasGt = GdalNative.GDALGetGeoTransform(ds.Handle, gt) == GdalNative.CE_None;
        GdalErrors.Reset(); // a missing geotransform is not an error; GDAL then gives (0,1,0,0,0,1)
        var transform = hasGt ? new GeoTransform(gt[0], gt[1], gt[2], gt[3], gt[4], gt[5]) : new GeoTransform(0, 1, 0, 0, 0, 1);
        string wkt = GdalNative.Str(GdalNative.GDALGetProjectionRef(ds.Handle));
        var bands = new List<RasterBandInfo>(count);
        for (int i = 1; i <= count; i++)
        {
            nint h = GdalNative.GDALGetRasterBand(ds.Handle, i);
            if (h == 0)
                throw GdalErrors.Error($"cannot access band {i} of raster", ds.Path);
            int type = GdalNative.GDALGetRasterDataType(h);
            int ok = 0;
            double nodata = GdalNative.GDALGetRasterNoDataValue(h, &ok);
            int okScale = 0, okOffset = 0;
            double scale = GdalNative.GDALGetRasterScale(h, &okScale);
            double offset = GdalNative.GDALGetRasterOffset(h, &okOffset);
            bands.Add(new RasterBandInfo(i, GdalNative.Str(GdalNative.GDALGetDataTypeName(type)),
                GdalNative.GDALDataTypeIsComplex(type) != 0, ok != 0 ? nodata : null,
                okScale != 0 && double.IsFinite(scale) && scale != 0 ? scale : 1.0,
                okOffset != 0 && double.IsFinite(offset) ? offset : 0.0,
                GdalNative.Str(GdalNative.GDALGetDescription(h))));
        }
        return new RasterInfo(ds.Path, ds.DriverName, width, height, bands, transform, hasGt, wkt, GdalCrs.Describe(wkt));
    }

    /// <summary>
    /// Reads a band in row chunks into a double buffer (exact for every integer type up to 32 bits), compares
    /// with the raw nodata value before scaling, then stores value * scale + offset as float32.
    /// </summary>
    private static float[] ReadBand(GdalDataset ds, nint band, RasterBandInfo info, int width, int height)
    {
        if (info.DataType == "Float32")
            return ReadFloat32Band(ds, band, info, width, height);
        var result = GC.AllocateUninitializedArray<float>(checked(width * height));
        int rowsPerChunk = Math.Max(1, Math.Min(height, ChunkCells / width));
        var buffer = new double[(long)rowsPerChunk * width];
        bool hasNoData = info.NoData is { } nd && !double.IsNaN(nd);
        double noData = info.NoData ?? double.NaN;
        // Float32 cells can only equal the float nearest to the nodata value ("-3.40282e+38" is not float.MinValue).
        if (info.DataType == "Float32")
            noData = (float)noData;
        bool scaled = info.Scale != 1.0 || info.Offset != 0.0;
        for (int row = 0; row < height; row += rowsPerChunk)
        {
            int rows = Math.Min(rowsPerChunk, height - row);
            GdalErrors.Reset();
            int err;
            fixed (double* p = buffer)
                err = GdalNative.GDALRasterIO(band, GdalNative.GF_Read, 0, row, width, rows, p, width, rows,
                    GdalNative.GDT_Float64, 0, 0);
            if (err != GdalNative.CE_None)
                throw GdalErrors.Error($"cannot read band {info.Index}, rows {row}..{row + rows - 1} of raster", ds.Path);
            long offset = (long)row * width;
            int n = rows * width;
            for (int i = 0; i < n; i++)
            {
                double v = buffer[i];
                if (hasNoData && v == noData)
                    v = double.NaN;
                else if (scaled)
                    v = v * info.Scale + info.Offset;
                result[offset + i] = (float)v;
            }
        }
        return result;
    }

    /// <summary>
    /// Float32 band: one RasterIO straight into the result (no double buffer, and chunked formats such as netCDF-4
    /// decode each chunk once instead of once per strip of rows), then nodata and scaling in place.
    /// </summary>
    private static float[] ReadFloat32Band(GdalDataset ds, nint band, RasterBandInfo info, int width, int height)
    {
        var result = ReadAllRows(ds, band, info, width, height);
        bool hasNoData = info.NoData is { } nd && !double.IsNaN(nd);
        float noData = (float)(info.NoData ?? double.NaN);
        bool scaled = info.Scale != 1.0 || info.Offset != 0.0;
        if (!hasNoData && !scaled)
            return result;
        for (long i = 0; i < result.LongLength; i++)
        {
            float v = result[i];
            if (hasNoData && v == noData)
                result[i] = float.NaN;
            else if (scaled)
                result[i] = (float)(v * info.Scale + info.Offset);
        }
        return result;
    }

    private static float[] ReadAllRows(GdalDataset ds, nint band, RasterBandInfo info, int width, int height)
    {
        var result = GC.AllocateUninitializedArray<float>(checked(width * height));
        GdalErrors.Reset();
        int err;
        fixed (float* p = result)
            err = GdalNative.GDALRasterIO(band, GdalNative.GF_Read, 0, 0, width, height, p, width, height,
                GdalNative.GDT_Float32, 0, 0);
        if (err != GdalNative.CE_None)
            throw GdalErrors.Error($"cannot read band {info.Index} of raster", ds.Path);
        return result;
    }

    private static string BandName(nint band, RasterBandInfo info)
    {
        if (info.Description.Length > 0)
            return info.Description;
        // netCDF bands have no description; their variable's long_name / name is what users recognise.
        foreach (var key in new[] { "long_name", "NETCDF_VARNAME" })
        {
            string value = GdalNative.Str(GdalNative.GDALGetMetadataItem(band, key, null));
            if (value.Length > 0)
                return value;
        }
        return $"band {info.Index}";
    }

    /// <summary>Category names and "#rrggbb" colours (colour-table entries) of a classified band.</summary>
    private static (List<string> Names, List<string> Colours) ReadCategories(nint band)
    {
        var names = GdalNative.StringList(GdalNative.GDALGetRasterCategoryNames(band));
        var colours = new List<string>();
        nint table = GdalNative.GDALGetRasterColorTable(band);
        if (table != 0)
        {
            int n = GdalNative.GDALGetColorEntryCount(table);
            for (int i = 0; i < n; i++)
            {
                var e = GdalNative.GDALGetColorEntry(table, i);
                colours.Add(e == null ? "#000000" : $"#{(byte)e->C1:x2}{(byte)e->C2:x2}{(byte)e->C3:x2}");
            }
            // A colour table usually has 256 entries; keep as many as there are categories when names exist.
            if (names.Count > 0 && colours.Count > names.Count)
                colours.RemoveRange(names.Count, colours.Count - names.Count);
        }
        return (names, colours);
    }
}
