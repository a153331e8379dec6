using System.Globalization;
using GisBridge.Algorithms.Common;

namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// Burns the polygons / lines / points of a <see cref="VectorLayer"/> into a label grid with GDALRasterizeLayers
/// (the layer is copied into an in-memory OGR layer; the value burnt is the numeric attribute <c>field</c>).
/// The layer is reprojected to <c>crsWkt</c> when both CRSs are known and differ.
/// Cells are labelled when their centre falls inside a polygon (GDAL's default); with <c>allTouched</c> every cell
/// touched by a geometry is labelled, which thickens polygons by up to one cell but never misses thin features.
/// Where features overlap, the later feature wins. Cells that no feature covers hold <c>nodata</c>.
/// Result: row-major, row 0 first as in <paramref name="gt"/>.
/// </summary>
public static unsafe class GdalRasterizer
{
    private const string BurnField = "gisbridge_burn";

    public static byte[] Rasterize(VectorLayer layer, string field, int width, int height, GeoTransform gt, string crsWkt,
        byte nodata = 255, bool allTouched = false)
    {
        var labels = RasterizeCore(layer, field, width, height, gt, crsWkt, nodata, 0, 255, allTouched);
        var result = new byte[labels.Length];
        for (int i = 0; i < labels.Length; i++)
            result[i] = (byte)labels[i];
        return result;
    }

    /// <summary>As <see cref="Rasterize"/> for labels beyond 255.</summary>
    public static int[] RasterizeInt32(VectorLayer layer, string field, int width, int height, GeoTransform gt, string crsWkt,
        int nodata = int.MinValue, bool allTouched = false) =>
        RasterizeCore(layer, field, width, height, gt, crsWkt, nodata, int.MinValue, int.MaxValue, allTouched);

    private static int[] RasterizeCore(VectorLayer layer, string field, int width, int height, GeoTransform gt,
        string crsWkt, int nodata, int min, int max, bool allTouched)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (width <= 0 || height <= 0)
            throw new ArgumentException($"rasterize: grid size must be positive, got {width}x{height}");
        if ((long)width * height > Array.MaxLength)
            throw new ArgumentException($"rasterize: grid {width}x{height} is too large");
        var burnField = layer.Field(field) ?? throw new ArgumentException(
            $"rasterize: layer '{layer.Name}' has no field '{field}' (fields: {string.Join(", ", layer.Fields.Select(f => f.Name))})");
        var values = BurnValues(layer, burnField, nodata, min, max);
        GdalLibrary.EnsureInitialized();

        using var raster = GdalDataset.Create("MEM", "", width, height, 1, GdalNative.GDT_Int32, 0);
        var gtArray = gt.ToArray();
        fixed (double* p = gtArray)
            GdalErrors.Check(GdalNative.GDALSetGeoTransform(raster.Handle, p), "rasterize: cannot set the geotransform", null);
        if (!string.IsNullOrWhiteSpace(crsWkt))
        {
            nint rasterSrs = GdalCrs.Create(crsWkt, "rasterize: raster CRS");
            try
            {
                GdalErrors.Reset();
                GdalErrors.Check(GdalNative.GDALSetProjection(raster.Handle, GdalCrs.ToWkt(rasterSrs)), "rasterize: cannot set the raster CRS", null);
            }
            finally
            {
                GdalNative.OSRDestroySpatialReference(rasterSrs);
            }
        }
        nint band = GdalNative.GDALGetRasterBand(raster.Handle, 1);
        GdalErrors.Check(GdalNative.GDALFillRaster(band, nodata, 0), "rasterize: cannot initialise the grid", null);

        using var vectors = CreateMemoryLayer(layer, values, string.IsNullOrWhiteSpace(crsWkt), out nint memLayer);
        nint options = GdalNative.CSLSetNameValue(0, "ATTRIBUTE", BurnField);
        if (allTouched)
            options = GdalNative.CSLSetNameValue(options, "ALL_TOUCHED", "TRUE");
        try
        {
            int bandIndex = 1;
            double unusedBurn = 0; // GDAL takes the values from ATTRIBUTE
            GdalErrors.Reset();
            int err = GdalNative.GDALRasterizeLayers(raster.Handle, 1, &bandIndex, 1, &memLayer, 0, 0, &unusedBurn, options, 0, 0);
            GdalErrors.Check(err, $"rasterize: GDAL failed to burn layer '{layer.Name}'", null);
        }
        finally
        {
            GdalNative.CSLDestroy(options);
        }
        var result = new int[width * height];
        GdalErrors.Reset();
        fixed (int* p = result)
            GdalErrors.Check(GdalNative.GDALRasterIO(band, GdalNative.GF_Read, 0, 0, width, height, p, width, height,
                GdalNative.GDT_Int32, 0, 0), "rasterize: cannot read the burnt grid", null);
        return result;
    }

    /// <summary>Per feature: the integer to burn, or null to skip (no value or no geometry).</summary>
    private static int?[] BurnValues(VectorLayer layer, VectorField field, int nodata, int min, int max)
    {
        var values = new int?[layer.Features.Count];
        for (int f = 0; f < values.Length; f++)
        {
            var feature = layer.Features[f];
            if (feature.Geometry == null || !feature.Attributes.TryGetValue(field.Name, out var raw) || raw == null)
                continue;
            double v;
            try
            {
                v = raw is string s ? double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)
                    : Convert.ToDouble(raw, CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
            {
                throw new ArgumentException($"rasterize: feature {f} field '{field.Name}' = '{raw}' is not a number", e);
            }
            if (v != Math.Floor(v) || v < min || v > max || v == nodata)
                throw new ArgumentException($"rasterize: feature {f} field '{field.Name}' = {v.ToString(CultureInfo.InvariantCulture)} " +
                    $"is not an integer label in {min}..{max} other than the nodata value {nodata}");
            values[f] = (int)v;
        }
        return values;
    }

    /// <summary>An in-memory OGR layer holding the geometries and their burn values.</summary>
    private static GdalDataset CreateMemoryLayer(VectorLayer layer, int?[] values, bool ignoreCrs, out nint memLayer)
    {
        // GDAL up to 3.10 has a separate "Memory" vector driver; from 3.11 MEM does vectors too.
        GdalDataset ds;
        try
        {
            ds = GdalDataset.Create("Memory", "", 0, 0, 0, GdalNative.GDT_Unknown, 0);
        }
        catch (GdalException)
        {
            ds = GdalDataset.Create("MEM", "", 0, 0, 0, GdalNative.GDT_Unknown, 0);
        }
        try
        {
            nint srs = ignoreCrs || string.IsNullOrWhiteSpace(layer.CrsWkt) ? 0 : GdalCrs.Create(layer.CrsWkt, $"layer '{layer.Name}' CRS");
            try
            {
                GdalErrors.Reset();
                memLayer = GdalNative.GDALDatasetCreateLayer(ds.Handle, "burn", srs, GdalNative.wkbUnknown, 0);
                if (memLayer == 0)
                    throw GdalErrors.Error("rasterize: cannot create an in-memory layer", null);
            }
            finally
            {
                if (srs != 0)
                    GdalNative.OSRDestroySpatialReference(srs);
            }
            var burn = new List<VectorFeature>();
            for (int f = 0; f < values.Length; f++)
            {
                if (values[f] is { } v)
                    burn.Add(new VectorFeature(layer.Features[f].Geometry, new Dictionary<string, object?> { [BurnField] = v }));
            }
            var copy = new VectorLayer(layer.Name, "", [new VectorField(BurnField, VectorFieldType.Integer)], burn);
            OgrVectorWriter.WriteFeaturesInto(memLayer, copy, "(memory)");
            return ds;
        }
        catch
        {
            ds.Dispose();
            throw;
        }
    }
}
