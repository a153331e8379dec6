using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// Writes <see cref="VectorLayer"/>s to a GeoPackage, atomically (temporary file beside the target, then rename),
/// inside one transaction per layer (100,000 points of 77 fields take about two seconds). Point layers whose
/// <see cref="VectorLayer.Columns"/> carry X/Y go through <see cref="GpkgBulkPointWriter"/> instead (about three
/// times faster). The layer's geometry type is taken from its features (Point, LineString, Polygon, their Multi*
/// forms when singles and multis are mixed, Geometry otherwise; Z when any coordinate has Z). The CRS comes from
/// <see cref="VectorLayer.CrsWkt"/> (WKT or "EPSG:n"); EPSG:4326 when it is empty.
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
        if (layers is [var only] && GpkgSqliteCreator.CanCreate(only))
        {
            AtomicFile.Write(path, ".gpkg", temp => WriteWithoutGdal(temp, only, path));
            return;
        }
        GdalLibrary.EnsureInitialized();
        AtomicFile.Write(path, ".gpkg", temp => WriteDataset(temp, "GPKG", layers, path));
    }

    /// <summary>A point layer in EPSG:4326: created through SQLite (<see cref="GpkgSqliteCreator"/>) and filled in bulk, without loading GDAL.</summary>
    internal static void WriteWithoutGdal(string path, VectorLayer layer, string shownPath)
    {
        var (table, columns) = GpkgSqliteCreator.Create(path, layer, GpkgBulkPointWriter.PageSizeFor([layer]));
        GpkgBulkPointWriter.Fill(path, table, columns, layer, shownPath);
    }

    /// <summary>
    /// Writes with any OGR driver, not atomically (tests use it to make shapefiles). GeoPackage point layers with
    /// column-wise attributes are created empty through OGR and filled by <see cref="GpkgBulkPointWriter"/> once
    /// GDAL has closed the file (as pages where it can, unless <paramref name="pages"/> is false); every other layer
    /// goes through OGR_L_CreateFeature. Returns the number of layers written as pages.
    /// </summary>
    internal static int WriteDataset(string path, string driver, IReadOnlyList<VectorLayer> layers, string shownPath, bool pages = true)
    {
        var bulk = new List<(VectorLayer Layer, string Table, List<string> Columns)>();
        using (var pageSize = driver == "GPKG" ? GpkgBulkPointWriter.LargePagesFor(layers) : null)
        using (var ds = GdalDataset.Create(driver, path, 0, 0, 0, GdalNative.GDT_Unknown, 0))
        {
            foreach (var layer in layers)
            {
                if (driver == "GPKG" && GpkgBulkPointWriter.CanWrite(layer))
                {
                    nint handle = CreateLayer(ds, layer, GdalNative.wkbPoint, shownPath);
                    bulk.Add((layer, GdalNative.Str(GdalNative.OGR_L_GetName(handle)), FieldNames(handle)));
                }
                else
                {
                    WriteLayer(ds, layer, shownPath);
                }
            }
            ds.CloseChecked();
        }
        int written = 0;
        foreach (var (layer, table, columns) in bulk)
            written += GpkgBulkPointWriter.Fill(path, table, columns, layer, shownPath, pages) ? 1 : 0;
        return written;
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

    /// <summary>The column names OGR gave the layer's fields, in order.</summary>
    private static List<string> FieldNames(nint layer)
    {
        nint defn = GdalNative.OGR_L_GetLayerDefn(layer);
        int count = GdalNative.OGR_FD_GetFieldCount(defn);
        return Enumerable.Range(0, count).Select(i => GdalNative.Str(GdalNative.OGR_Fld_GetNameRef(GdalNative.OGR_FD_GetFieldDefn(defn, i)))).ToList();
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
        GdalErrors.Reset();
        for (int f = 0; f < source.Features.Count; f++)
        {
            var feature = source.Features[f];
            nint handle = GdalNative.OGR_F_Create(defn);
            if (handle == 0)
                throw GdalErrors.Error($"cannot create feature {f} of layer '{source.Name}' in", path);
            try
            {
                foreach (var (key, value) in feature.Attributes)
                {
                    if (!index.TryGetValue(key, out int i))
                        throw new ArgumentException($"layer '{source.Name}' feature {f}: attribute '{key}' is not one of the layer's fields");
                    SetField(handle, i, source.Fields[i], value, source.Name, f);
                }
                if (feature.Geometry is { } g)
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
