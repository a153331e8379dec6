using System.Globalization;

namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// Creates a GeoPackage holding one empty 2D point layer in EPSG:4326 through SQLite alone, with the tables, rows,
/// spatial index and triggers that GDAL 3.6's GPKG driver writes for such a layer (<see cref="GpkgBaseSchema"/>,
/// same SQL, same order), so that the file reads back through OGR as one GDAL made. Why: for a geochemical
/// table, loading GDAL (~200 shared libraries, which also stalls every other thread that creates a thread or
/// resolves a native function meanwhile) and its creation of the file (PROJ database look-ups) took ~0.15 s of a
/// ~1 s job; this takes a few milliseconds. Other layers (other CRSs, field names GDAL would treat specially,
/// no SQLite library) keep to GDAL (<see cref="CanCreate"/>).
/// </summary>
internal static class GpkgSqliteCreator
{
    private const string FidColumn = "fid", GeometryColumn = "geom";

    /// <summary>True when <paramref name="layer"/> can be created here and then filled by <see cref="GpkgBulkPointWriter"/>.</summary>
    public static bool CanCreate(VectorLayer layer)
    {
        if (!GpkgBulkPointWriter.CanWrite(layer) || !IsWgs84(layer.CrsWkt) || layer.Name.Length == 0 || layer.Name.StartsWith("gpkg_", StringComparison.OrdinalIgnoreCase)
            || layer.Name.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase) || layer.Name.StartsWith("rtree_", StringComparison.OrdinalIgnoreCase))
            return false;
        var names = new HashSet<string>([FidColumn, GeometryColumn], StringComparer.OrdinalIgnoreCase);
        return layer.Fields.All(f => f.Name.Length > 0 && names.Add(f.Name) && f.Type is VectorFieldType.Real or VectorFieldType.String
            or VectorFieldType.Integer or VectorFieldType.Integer64);
    }

    /// <summary>The CRS text a layer states for EPSG:4326 (what SampleTableLayer and the jobs write).</summary>
    private static bool IsWgs84(string crs) => string.IsNullOrWhiteSpace(crs) || crs.Trim().Equals("EPSG:4326", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Creates <paramref name="path"/> (which must not exist) with the empty layer; returns the table name and the
    /// field columns in order, as <see cref="GpkgBulkPointWriter.Fill"/> takes them. <paramref name="pageSize"/>: 0 for
    /// SQLite's default.
    /// </summary>
    public static (string Table, List<string> Columns) Create(string path, VectorLayer layer, int pageSize)
    {
        if (!CanCreate(layer))
            throw new ArgumentException($"layer '{layer.Name}' cannot be created without GDAL");
        string table = layer.Name;
        using var db = SqliteDb.Open(path, create: true);
        // Page size and identity before the first table (the page size is fixed from then on).
        db.Exec((pageSize > 0 ? $"PRAGMA page_size = {pageSize}; " : "") +
                $"PRAGMA application_id = {GpkgBaseSchema.ApplicationId}; PRAGMA user_version = {GpkgBaseSchema.UserVersion}");
        db.BeginUnsynced();
        foreach (var sql in GpkgBaseSchema.Tables)
            db.Exec(sql);
        db.Exec(GpkgBaseSchema.SpatialRefSys);

        string t = SqliteDb.Quote(table), name = SqliteDb.Literal(table);
        var columns = layer.Fields.Select(f => $"{SqliteDb.Quote(f.Name)} {ColumnType(f.Type)}");
        db.Exec($"CREATE TABLE {t} ( \"{FidColumn}\" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, \"{GeometryColumn}\" POINT" +
                string.Concat(columns.Select(c => ", " + c)) + ")");
        string now = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        db.Exec($"INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, srs_id) VALUES ({name}, 'features', {name}, '', '{now}', 4326)");
        db.Exec($"INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES ({name}, '{GeometryColumn}', 'POINT', 4326, 0, 0)");
        db.Exec(GpkgBaseSchema.Extensions);
        db.Exec($"INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) VALUES ({name}, '{GeometryColumn}', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')");

        // The spatial index and the triggers that keep it and the feature count current (GDAL 3.6's text).
        string rtree = SqliteDb.Quote($"rtree_{table}_{GeometryColumn}"), g = $"\"{GeometryColumn}\"", f = $"\"{FidColumn}\"";
        string insertBounds = $"INSERT OR REPLACE INTO {rtree} VALUES (NEW.{f},ST_MinX(NEW.{g}), ST_MaxX(NEW.{g}),ST_MinY(NEW.{g}), ST_MaxY(NEW.{g}));";
        string Trigger(string suffix) => SqliteDb.Quote($"rtree_{table}_{GeometryColumn}_{suffix}");
        db.Exec($"CREATE VIRTUAL TABLE {rtree} USING rtree(id, minx, maxx, miny, maxy)");
        db.Exec($"CREATE TRIGGER {Trigger("insert")} AFTER INSERT ON {t} WHEN (new.{g} NOT NULL AND NOT ST_IsEmpty(NEW.{g})) BEGIN {insertBounds} END");
        db.Exec($"CREATE TRIGGER {Trigger("update1")} AFTER UPDATE OF {g} ON {t} WHEN OLD.{f} = NEW.{f} AND (NEW.{g} NOTNULL AND NOT ST_IsEmpty(NEW.{g})) BEGIN {insertBounds} END");
        db.Exec($"CREATE TRIGGER {Trigger("update2")} AFTER UPDATE OF {g} ON {t} WHEN OLD.{f} = NEW.{f} AND (NEW.{g} ISNULL OR ST_IsEmpty(NEW.{g})) BEGIN DELETE FROM {rtree} WHERE id = OLD.{f}; END");
        db.Exec($"CREATE TRIGGER {Trigger("update3")} AFTER UPDATE ON {t} WHEN OLD.{f} != NEW.{f} AND (NEW.{g} NOTNULL AND NOT ST_IsEmpty(NEW.{g})) BEGIN DELETE FROM {rtree} WHERE id = OLD.{f}; {insertBounds} END");
        db.Exec($"CREATE TRIGGER {Trigger("update4")} AFTER UPDATE ON {t} WHEN OLD.{f} != NEW.{f} AND (NEW.{g} ISNULL OR ST_IsEmpty(NEW.{g})) BEGIN DELETE FROM {rtree} WHERE id IN (OLD.{f}, NEW.{f}); END");
        db.Exec($"CREATE TRIGGER {Trigger("delete")} AFTER DELETE ON {t} WHEN old.{g} NOT NULL BEGIN DELETE FROM {rtree} WHERE id = OLD.{f}; END");
        db.Exec($"INSERT INTO gpkg_ogr_contents (table_name, feature_count) VALUES ({name}, 0)");
        db.Exec($"CREATE TRIGGER {SqliteDb.Quote($"trigger_insert_feature_count_{table}")} AFTER INSERT ON {t} BEGIN UPDATE gpkg_ogr_contents SET feature_count = feature_count + 1 WHERE lower(table_name) = lower({name}); END");
        db.Exec($"CREATE TRIGGER {SqliteDb.Quote($"trigger_delete_feature_count_{table}")} AFTER DELETE ON {t} BEGIN UPDATE gpkg_ogr_contents SET feature_count = feature_count - 1 WHERE lower(table_name) = lower({name}); END");
        db.Exec("COMMIT");
        return (table, [.. layer.Fields.Select(f => f.Name)]);
    }

    /// <summary>GDAL's GPKG column types: Integer as MEDIUMINT, Integer64 as INTEGER.</summary>
    private static string ColumnType(VectorFieldType type) => type switch
    {
        VectorFieldType.Real => "REAL",
        VectorFieldType.String => "TEXT",
        VectorFieldType.Integer => "MEDIUMINT",
        VectorFieldType.Integer64 => "INTEGER",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a GeoPackage column type here"),
    };
}
