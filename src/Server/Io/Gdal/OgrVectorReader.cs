using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// Reads a vector layer (GeoPackage, shapefile, GeoJSON, CSV, anything OGR opens) into a <see cref="VectorLayer"/>:
/// typed attributes, geometries through ISO WKB into NetTopologySuite (curves linearised), CRS as WKT.
/// Coordinates are as stored (longitude/easting first for the usual formats).
/// </summary>
public static unsafe class OgrVectorReader
{
    /// <summary>Default feature limit of <see cref="Read"/>: beyond it GdalException Kind ResourceLimit.</summary>
    public const long DefaultMaxFeatures = 10_000_000;

    /// <summary>Reads the named layer, or the first layer when <paramref name="layerName"/> is null.</summary>
    /// <exception cref="GdalException">Missing file, not a vector dataset, unknown layer, too many features, read error.</exception>
    public static VectorLayer Read(string path, string? layerName = null, long maxFeatures = DefaultMaxFeatures)
    {
        using var ds = GdalDataset.OpenReadOnly(path, GdalNative.GDAL_OF_VECTOR, "vector");
        nint layer = FindLayer(ds, layerName);
        string name = GdalNative.Str(GdalNative.OGR_L_GetName(layer));
        string wkt = GdalCrs.ToWkt(GdalNative.OGR_L_GetSpatialRef(layer));
        long count = GdalNative.OGR_L_GetFeatureCount(layer, 0);
        if (count > maxFeatures)
            throw new GdalException($"layer '{name}' of '{path}' has {count:N0} features, limit {maxFeatures:N0}",
                path, GdalErrorKind.ResourceLimit);
        var fields = ReadFields(GdalNative.OGR_L_GetLayerDefn(layer));
        var wkbReader = new WKBReader(NtsGeometryServices.Instance);
        var features = new List<VectorFeature>(count > 0 ? (int)count : 16);
        GdalNative.OGR_L_ResetReading(layer);
        GdalErrors.Reset();
        while (true)
        {
            nint feature = GdalNative.OGR_L_GetNextFeature(layer);
            if (feature == 0)
                break;
            try
            {
                if (features.Count >= maxFeatures)
                    throw new GdalException($"layer '{name}' of '{path}' has more than {maxFeatures:N0} features",
                        path, GdalErrorKind.ResourceLimit);
                var geometry = ReadGeometry(GdalNative.OGR_F_GetGeometryRef(feature), wkbReader, path, features.Count);
                features.Add(new VectorFeature(geometry, ReadAttributes(feature, fields)));
            }
            finally
            {
                GdalNative.OGR_F_Destroy(feature);
            }
        }
        if (GdalErrors.HasFailure)
            throw GdalErrors.Error($"reading layer '{name}' failed after {features.Count} features in", path);
        return new VectorLayer(name, wkt, fields, features);
    }

    /// <summary>Names of the layers of a vector dataset.</summary>
    public static IReadOnlyList<string> LayerNames(string path)
    {
        using var ds = GdalDataset.OpenReadOnly(path, GdalNative.GDAL_OF_VECTOR, "vector");
        int n = GdalNative.GDALDatasetGetLayerCount(ds.Handle);
        var names = new List<string>(n);
        for (int i = 0; i < n; i++)
            names.Add(GdalNative.Str(GdalNative.OGR_L_GetName(GdalNative.GDALDatasetGetLayer(ds.Handle, i))));
        return names;
    }

    private static nint FindLayer(GdalDataset ds, string? layerName)
    {
        int n = GdalNative.GDALDatasetGetLayerCount(ds.Handle);
        if (n == 0)
            throw new GdalException($"vector file '{ds.Path}' has no layers", ds.Path, GdalErrorKind.NotSupported);
        if (layerName == null)
            return GdalNative.GDALDatasetGetLayer(ds.Handle, 0);
        GdalErrors.Reset();
        nint layer = GdalNative.GDALDatasetGetLayerByName(ds.Handle, layerName);
        if (layer == 0)
        {
            var names = Enumerable.Range(0, n).Select(i => GdalNative.Str(GdalNative.OGR_L_GetName(GdalNative.GDALDatasetGetLayer(ds.Handle, i))));
            throw new GdalException($"vector file '{ds.Path}' has no layer '{layerName}' (layers: {string.Join(", ", names)})",
                ds.Path, GdalErrorKind.NotSupported);
        }
        return layer;
    }

    private static List<VectorField> ReadFields(nint defn)
    {
        int n = GdalNative.OGR_FD_GetFieldCount(defn);
        var fields = new List<VectorField>(n);
        for (int i = 0; i < n; i++)
        {
            nint fd = GdalNative.OGR_FD_GetFieldDefn(defn, i);
            var type = GdalNative.OGR_Fld_GetType(fd) switch
            {
                GdalNative.OFTInteger => VectorFieldType.Integer,
                GdalNative.OFTInteger64 => VectorFieldType.Integer64,
                GdalNative.OFTReal => VectorFieldType.Real,
                GdalNative.OFTDate => VectorFieldType.Date,
                GdalNative.OFTDateTime => VectorFieldType.DateTime,
                _ => VectorFieldType.String,
            };
            fields.Add(new VectorField(GdalNative.Str(GdalNative.OGR_Fld_GetNameRef(fd)), type));
        }
        return fields;
    }

    private static Dictionary<string, object?> ReadAttributes(nint feature, List<VectorField> fields)
    {
        var values = new Dictionary<string, object?>(fields.Count, StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < fields.Count; i++)
        {
            if (GdalNative.OGR_F_IsFieldSetAndNotNull(feature, i) == 0)
            {
                values[fields[i].Name] = null;
                continue;
            }
            values[fields[i].Name] = fields[i].Type switch
            {
                VectorFieldType.Integer => GdalNative.OGR_F_GetFieldAsInteger(feature, i),
                VectorFieldType.Integer64 => GdalNative.OGR_F_GetFieldAsInteger64(feature, i),
                VectorFieldType.Real => GdalNative.OGR_F_GetFieldAsDouble(feature, i),
                VectorFieldType.Date or VectorFieldType.DateTime => ReadDate(feature, i, fields[i].Type),
                _ => GdalNative.Str(GdalNative.OGR_F_GetFieldAsString(feature, i)),
            };
        }
        return values;
    }

    private static object? ReadDate(nint feature, int index, VectorFieldType type)
    {
        int y, mo, d, h, mi, tz;
        float s;
        if (GdalNative.OGR_F_GetFieldAsDateTimeEx(feature, index, &y, &mo, &d, &h, &mi, &s, &tz) == 0 || y < 1 || mo < 1 || d < 1)
            return null;
        if (type == VectorFieldType.Date)
            return new DateOnly(y, mo, d);
        // OGR TZFlag: 100 = UTC, 101.. = east of UTC by (flag-100)*15 min, 1 = local, 0 = unknown.
        var local = new DateTime(y, mo, d, h, mi, 0).AddSeconds(s);
        if (tz >= 2 && tz != 100)
            return DateTime.SpecifyKind(local.AddMinutes(-(tz - 100) * 15), DateTimeKind.Utc);
        return DateTime.SpecifyKind(local, tz == 100 ? DateTimeKind.Utc : DateTimeKind.Unspecified);
    }

    private static Geometry? ReadGeometry(nint geometry, WKBReader reader, string path, int featureIndex)
    {
        if (geometry == 0)
            return null;
        nint linear = 0;
        try
        {
            // NetTopologySuite has no curves: CircularString, CompoundCurve, CurvePolygon... become linear.
            if (GdalNative.OGR_G_HasCurveGeometry(geometry, 1) != 0)
            {
                linear = GdalNative.OGR_G_GetLinearGeometry(geometry, 0, 0);
                if (linear != 0)
                    geometry = linear;
            }
            int size = GdalNative.OGR_G_WkbSize(geometry);
            var wkb = new byte[size];
            int err;
            fixed (byte* p = wkb)
                err = GdalNative.OGR_G_ExportToIsoWkb(geometry, GdalNative.wkbNDR, p);
            if (err != GdalNative.OGRERR_NONE)
                throw GdalErrors.Error($"cannot export the geometry of feature {featureIndex} of", path);
            try
            {
                return reader.Read(wkb);
            }
            catch (Exception e) when (e is ParseException or ArgumentException or IOException)
            {
                throw new GdalException($"geometry of feature {featureIndex} of '{path}' cannot be read: {e.Message}", path,
                    GdalErrorKind.NotSupported, "", e);
            }
        }
        finally
        {
            if (linear != 0)
                GdalNative.OGR_G_DestroyGeometry(linear);
        }
    }
}
