using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// Writes <see cref="VectorLayer"/>s to a GeoPackage through OGR, atomically (temporary file beside the target, then
/// rename), inside one transaction per layer; GDAL's GPKG driver builds the R-tree after the inserts. The layer's
/// geometry type is taken from its features (Point, LineString, Polygon, their Multi* forms when singles and multis
/// are mixed, Geometry otherwise; Z when any coordinate has Z). The CRS comes from <see cref="VectorLayer.CrsWkt"/>
/// (WKT or "EPSG:n"); EPSG:4326 when it is empty. Layers given column-wise (<see cref="VectorLayer.Columns"/>) are
/// read from their columns, without boxing every cell.
/// </summary>
public static unsafe class OgrVectorWriter
{
    public static void WriteGeoPackage(string path, string layerName, VectorLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentException.ThrowIfNullOrWhiteSpace(layerName);
        WriteGeoPackage(path, [new VectorLayer(layerName, layer.CrsWkt, layer.Fields, layer.Features, layer.Columns)]);
    }

    /// <summary>Several layers in one file, each under its <see cref="VectorLayer.Name"/>.</summary>
    public static void WriteGeoPackage(string path, IReadOnlyList<VectorLayer> layers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
            throw new ArgumentException($"no layer to write to '{path}'");
        var duplicate = layers.GroupBy(l => l.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null)
            throw new ArgumentException($"layer name '{duplicate.Key}' is used twice (writing '{path}')");
        GdalLibrary.EnsureInitialized();
        AtomicFile.Write(path, ".gpkg", temp => WriteDataset(temp, "GPKG", layers, path));
    }

    /// <summary>Writes with any OGR driver, not atomically (tests use it to make shapefiles).</summary>
    internal static void WriteDataset(string path, string driver, IReadOnlyList<VectorLayer> layers, string shownPath)
    {
        using var ds = GdalDataset.Create(driver, path, 0, 0, 0, GdalNative.GDT_Unknown, 0);
        foreach (var layer in layers)
            WriteLayer(ds, layer, shownPath);
        ds.CloseChecked();
    }

    /// <summary>Creates the OGR layer and its fields.</summary>
    private static nint CreateLayer(GdalDataset ds, VectorLayer layer, int geometryType, string path)
    {
        nint srs = GdalCrs.Create(string.IsNullOrWhiteSpace(layer.CrsWkt) ? "EPSG:4326" : layer.CrsWkt, $"layer '{layer.Name}' CRS");
        try
        {
            GdalErrors.Reset();
            nint handle = GdalNative.GDALDatasetCreateLayer(ds.Handle, layer.Name,
                geometryType == GdalNative.wkbNone ? 0 : srs, geometryType, 0);
            if (handle == 0)
                throw GdalErrors.Error($"cannot create layer '{layer.Name}' in", path);
            CreateFields(handle, layer, path);
            return handle;
        }
        finally
        {
            GdalNative.OSRDestroySpatialReference(srs);
        }
    }

    private static void WriteLayer(GdalDataset ds, VectorLayer layer, string path)
    {
        var (geometryType, promoteToMulti) = GeometryType(layer);
        nint handle = CreateLayer(ds, layer, geometryType, path);
        bool transaction = GdalNative.GDALDatasetStartTransaction(ds.Handle, 0) == GdalNative.OGRERR_NONE;
        try
        {
            WriteFeatures(handle, layer, promoteToMulti, path);
            if (transaction)
            {
                GdalErrors.Reset();
                GdalErrors.Check(GdalNative.GDALDatasetCommitTransaction(ds.Handle), $"cannot commit layer '{layer.Name}' to", path);
                transaction = false;
            }
        }
        finally
        {
            if (transaction)
                GdalNative.GDALDatasetRollbackTransaction(ds.Handle);
        }
    }

    /// <summary>Creates the fields and writes the features into an existing OGR layer (no transaction).</summary>
    internal static void WriteFeaturesInto(nint layer, VectorLayer source, string path)
    {
        CreateFields(layer, source, path);
        WriteFeatures(layer, source, promoteToMulti: false, path);
    }

    private static void CreateFields(nint layer, VectorLayer source, string path)
    {
        foreach (var field in source.Fields)
        {
            int type = field.Type switch
            {
                VectorFieldType.Integer => GdalNative.OFTInteger,
                VectorFieldType.Integer64 => GdalNative.OFTInteger64,
                VectorFieldType.Real => GdalNative.OFTReal,
                VectorFieldType.Date => GdalNative.OFTDate,
                VectorFieldType.DateTime => GdalNative.OFTDateTime,
                _ => GdalNative.OFTString,
            };
            nint fd = GdalNative.OGR_Fld_Create(field.Name, type);
            try
            {
                GdalErrors.Reset();
                GdalErrors.Check(GdalNative.OGR_L_CreateField(layer, fd, 1), $"cannot create field '{field.Name}' of layer '{source.Name}' in", path);
            }
            finally
            {
                GdalNative.OGR_Fld_Destroy(fd);
            }
        }
    }

    private static void WriteFeatures(nint layer, VectorLayer source, bool promoteToMulti, string path)
    {
        nint defn = GdalNative.OGR_L_GetLayerDefn(layer);
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < source.Fields.Count; i++)
            index[source.Fields[i].Name] = i;
        // Z only for 3D layers: NTS gives XY coordinates a NaN Z, which some drivers (shapefile) refuse.
        bool hasZ = (GeometryType(source).Type & unchecked((int)GdalNative.wkb25DBit)) != 0;
        var wkbWriter = new WKBWriter(ByteOrder.LittleEndian, handleSRID: false, emitZ: hasZ, emitM: false);
        var columns = source.Columns;
        GdalErrors.Reset();
        for (int f = 0; f < source.Features.Count; f++)
        {
            nint handle = GdalNative.OGR_F_Create(defn);
            if (handle == 0)
                throw GdalErrors.Error($"cannot create feature {f} of layer '{source.Name}' in", path);
            try
            {
                if (columns != null)
                {
                    SetFieldsFromColumns(handle, columns, source, f);
                }
                else
                {
                    foreach (var (key, value) in source.Features[f].Attributes)
                    {
                        if (!index.TryGetValue(key, out int i))
                            throw new ArgumentException($"layer '{source.Name}' feature {f}: attribute '{key}' is not one of the layer's fields");
                        SetField(handle, i, source.Fields[i], value, source.Name, f);
                    }
                }
                if (columns is { X: { } x, Y: { } y })
                    SetPoint(handle, x[f], y[f]);
                else if (source.Features[f].Geometry is { } g)
                    SetGeometry(handle, promoteToMulti ? Promote(g) : g, wkbWriter, source.Name, f, path);
                // Only the return code is checked per feature: resetting GDAL's error state 100,000 times costs more than the write.
                if (GdalNative.OGR_L_CreateFeature(layer, handle) != GdalNative.OGRERR_NONE)
                    throw GdalErrors.Error($"cannot write feature {f} of layer '{source.Name}' to", path);
            }
            finally
            {
                GdalNative.OGR_F_Destroy(handle);
            }
        }
    }

    /// <summary>Row <paramref name="f"/> of a column-wise layer: NaN and null cells stay unset (NULL).</summary>
    private static void SetFieldsFromColumns(nint feature, VectorColumns columns, VectorLayer source, int f)
    {
        for (int i = 0; i < columns.Count; i++)
        {
            if (columns.Numbers(i) is { } numbers)
            {
                double v = numbers[f];
                if (double.IsNaN(v))
                    continue;
                if (source.Fields[i].Type is VectorFieldType.Integer or VectorFieldType.Integer64)
                    GdalNative.OGR_F_SetFieldInteger64(feature, i, WholeNumber(v, source.Fields[i], source.Name, f));
                else
                    GdalNative.OGR_F_SetFieldDouble(feature, i, v);
            }
            else if (columns.Texts(i)![f] is { } text)
            {
                GdalNative.OGR_F_SetFieldString(feature, i, text);
            }
        }
    }

    /// <summary>A whole number for an Integer / Integer64 field (truncated), or an ArgumentException when it does not fit.</summary>
    internal static long WholeNumber(double v, VectorField field, string layer, int row) =>
        field.Type == VectorFieldType.Integer ? v is >= int.MinValue and <= int.MaxValue ? (int)v
                : throw new ArgumentException($"layer '{layer}' feature {row}: field '{field.Name}' (Integer) cannot hold {v}")
            : v is >= long.MinValue and < 9.2233720368547758E18 ? (long)v
                : throw new ArgumentException($"layer '{layer}' feature {row}: field '{field.Name}' (Integer64) cannot hold {v}");

    /// <summary>A 2D point made by OGR itself (no WKB round trip); no geometry where a coordinate is NaN.</summary>
    private static void SetPoint(nint feature, double x, double y)
    {
        if (double.IsNaN(x) || double.IsNaN(y))
            return;
        nint g = GdalNative.OGR_G_CreateGeometry(GdalNative.wkbPoint);
        GdalNative.OGR_G_SetPoint_2D(g, 0, x, y);
        GdalNative.OGR_F_SetGeometryDirectly(feature, g); // the feature owns g from here
    }

    private static void SetField(nint feature, int i, VectorField field, object? value, string layer, int f)
    {
        if (value == null)
        {
            GdalNative.OGR_F_SetFieldNull(feature, i);
            return;
        }
        try
        {
            switch (field.Type)
            {
                case VectorFieldType.Integer:
                    // Convert.ToInt32 throws OverflowException where GDAL would silently clamp.
                    GdalNative.OGR_F_SetFieldInteger64(feature, i, Convert.ToInt32(value, CultureInfo.InvariantCulture));
                    break;
                case VectorFieldType.Integer64:
                    GdalNative.OGR_F_SetFieldInteger64(feature, i, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    break;
                case VectorFieldType.Real:
                    GdalNative.OGR_F_SetFieldDouble(feature, i, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                    break;
                case VectorFieldType.Date or VectorFieldType.DateTime:
                    var t = value switch
                    {
                        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
                        DateTimeOffset o => o.UtcDateTime,
                        _ => Convert.ToDateTime(value, CultureInfo.InvariantCulture),
                    };
                    int tz = t.Kind == DateTimeKind.Utc ? 100 : 0;
                    GdalNative.OGR_F_SetFieldDateTimeEx(feature, i, t.Year, t.Month, t.Day, t.Hour, t.Minute,
                        t.Second + t.Millisecond / 1000f, tz);
                    break;
                default:
                    GdalNative.OGR_F_SetFieldString(feature, i, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                    break;
            }
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw new ArgumentException($"layer '{layer}' feature {f}: field '{field.Name}' ({field.Type}) cannot hold {value} ({value.GetType().Name})", e);
        }
    }

    private static void SetGeometry(nint feature, Geometry geometry, WKBWriter writer, string layer, int f, string path)
    {
        var wkb = writer.Write(geometry);
        nint g = 0;
        int err;
        fixed (byte* p = wkb)
            err = GdalNative.OGR_G_CreateFromWkb(p, 0, &g, wkb.Length);
        if (err != GdalNative.OGRERR_NONE || g == 0)
        {
            if (g != 0)
                GdalNative.OGR_G_DestroyGeometry(g);
            throw GdalErrors.Error($"layer '{layer}' feature {f}: GDAL cannot take its {geometry.GeometryType} geometry for", path);
        }
        GdalNative.OGR_F_SetGeometryDirectly(feature, g); // the feature owns g from here
    }

    /// <summary>The OGR geometry type of the layer, and whether single geometries must become Multi*.</summary>
    internal static (int Type, bool PromoteToMulti) GeometryType(VectorLayer layer)
    {
        var kinds = new HashSet<int>();
        bool hasZ = false;
        foreach (var feature in layer.Features)
        {
            if (feature.Geometry is not { } g)
                continue;
            kinds.Add(g switch
            {
                Point => GdalNative.wkbPoint,
                LineString => GdalNative.wkbLineString,
                Polygon => GdalNative.wkbPolygon,
                MultiPoint => GdalNative.wkbMultiPoint,
                MultiLineString => GdalNative.wkbMultiLineString,
                MultiPolygon => GdalNative.wkbMultiPolygon,
                _ => GdalNative.wkbGeometryCollection,
            });
            hasZ |= !g.IsEmpty && !double.IsNaN(g.Coordinate.Z);
        }
        if (kinds.Count == 0)
            return (layer.Features.Count == 0 ? GdalNative.wkbUnknown : GdalNative.wkbNone, false);
        int type;
        bool promote = false;
        if (kinds.Count == 1)
            type = kinds.First();
        else if (kinds.Count == 2 && kinds.Max() - kinds.Min() == 3 && kinds.Min() <= GdalNative.wkbPolygon)
            (type, promote) = (kinds.Max(), true); // e.g. Polygon + MultiPolygon -> MultiPolygon
        else
            type = GdalNative.wkbUnknown;
        return (hasZ && type != GdalNative.wkbUnknown ? (int)((uint)type | GdalNative.wkb25DBit) : type, promote);
    }

    private static Geometry Promote(Geometry g) => g switch
    {
        Point p => g.Factory.CreateMultiPoint([p]),
        LineString l => g.Factory.CreateMultiLineString([l]),
        Polygon p => g.Factory.CreateMultiPolygon([p]),
        _ => g,
    };
}
