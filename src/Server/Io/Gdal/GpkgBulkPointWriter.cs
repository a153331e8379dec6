using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// Fast path for point layers given column-wise (<see cref="VectorLayer.Columns"/> with X and Y) in a GeoPackage
/// whose empty layer already exists (made by GDAL or by <see cref="GpkgSqliteCreator"/>): the table and the
/// R-tree's rowid table are written as SQLite pages (<see cref="GpkgPagePointWriter"/>) where the file allows,
/// else through one prepared SQLite statement with the table's triggers (R-tree upkeep, which calls GDAL's ST_*
/// SQL functions, and OGR's feature count) dropped during the load and re-created from their own SQL text. Either
/// way the point blobs are GDAL's ("GP" header + WKB), the R-tree is bulk-loaded (<see cref="GpkgRtreeBulkLoader"/>)
/// and the extent and count are set in gpkg_contents and gpkg_ogr_contents; the file reads back through OGR
/// exactly as one OGR_L_CreateFeature wrote (same `ogrinfo -al` dump). 100,000 rows of 77 fields
/// (bench/scripts/geochem_indices.sh, 2-core test machine): ~0.15 s as pages, ~0.5 s by inserts, ~2 s through OGR.
/// </summary>
internal static class GpkgBulkPointWriter
{
    internal const int PointBlobBytes = 8 + 21; // GP header without envelope + 2D WKB point

    /// <summary>Cells (features x fields) from which a GeoPackage gets large pages.</summary>
    internal const long LargePageCells = 1_000_000;

    /// <summary>
    /// Page size of large GeoPackages: 64 KiB pages make SQLite's inserts markedly cheaper than the default 4 KiB
    /// (fewer page splits and cell moves per row). Small files keep the default, since every table and index takes
    /// at least one page.
    /// </summary>
    internal const int LargePageBytes = 65536;

    /// <summary>
    /// Sets GDAL's SQLite pragma option on this thread so that a GeoPackage created before disposal gets
    /// <see cref="LargePageBytes"/> pages (the page size is fixed once the first table exists); null (nothing set)
    /// for layers below <see cref="LargePageCells"/> cells.
    /// </summary>
    public static IDisposable? LargePagesFor(IReadOnlyList<VectorLayer> layers)
    {
        if (PageSizeFor(layers) == 0)
            return null;
        // Pragmas the user set (environment or --config) are kept; the page size comes first so theirs wins.
        string pragma = $"page_size={LargePageBytes}";
        return new ThreadConfigOption("OGR_SQLITE_PRAGMA", ThreadConfigOption.Current("OGR_SQLITE_PRAGMA") is { } user ? $"{pragma},{user}" : pragma);
    }

    /// <summary><see cref="LargePageBytes"/> for layers of <see cref="LargePageCells"/> cells or more, else 0 (SQLite's default).</summary>
    public static int PageSizeFor(IReadOnlyList<VectorLayer> layers) =>
        layers.Sum(l => (long)l.Features.Count * (l.Fields.Count + 1)) >= LargePageCells ? LargePageBytes : 0;

    /// <summary>True when <paramref name="layer"/> can take this path (and a SQLite library is loaded).</summary>
    public static bool CanWrite(VectorLayer layer) =>
        layer.Columns is { X: not null } && layer.Features.Count > 0 && SqliteNative.IsAvailable;

    /// <summary>
    /// Fills table <paramref name="table"/> of the closed GeoPackage <paramref name="path"/> (created empty by GDAL,
    /// with columns <paramref name="columnNames"/> for the layer's fields, in order): by writing its pages
    /// (<see cref="GpkgPagePointWriter"/>) where the file and table allow and <paramref name="pages"/> is true,
    /// else through SQLite inserts. Returns true when the pages were written directly.
    /// </summary>
    public static bool Fill(string path, string table, IReadOnlyList<string> columnNames, VectorLayer layer, string shownPath, bool pages = true)
    {
        var columns = layer.Columns ?? throw new ArgumentException($"layer '{layer.Name}' has no column-wise attributes");
        if (pages && GpkgPagePointWriter.TryFill(path, table, columnNames, layer, columns, shownPath))
            return true;
        FillWithInserts(path, table, columnNames, layer, columns, shownPath);
        return false;
    }

    /// <summary>The SQLite-insert path: one prepared statement, triggers dropped during the load and re-created.</summary>
    internal static void FillWithInserts(string path, string table, IReadOnlyList<string> columnNames, VectorLayer layer, VectorColumns columns, string shownPath)
    {
        using var db = SqliteDb.Open(path);
        db.BeginUnsynced();
        var (geomColumn, srsId) = GeometryColumn(db, table, shownPath);
        var triggers = db.Query($"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND lower(tbl_name) = lower({SqliteDb.Literal(table)})");
        foreach (var trigger in triggers)
            db.Exec($"DROP TRIGGER {SqliteDb.Quote(trigger[0]!)}");

        var (ids, x, y) = InsertRows(db, table, geomColumn, srsId, columnNames, layer, columns);
        string rtree = RtreeName(table, geomColumn);
        if (Exists(db, rtree))
            GpkgRtreeBulkLoader.Load(db, rtree, ids, x, y);
        UpdateMetadata(db, table, x, y, ids.Length);

        foreach (var trigger in triggers)
            db.Exec(trigger[1]!);
        db.Exec("COMMIT");
    }

    /// <summary>The table's geometry column and its srs_id, from gpkg_geometry_columns.</summary>
    internal static (string Column, int SrsId) GeometryColumn(SqliteDb db, string table, string shownPath)
    {
        var geometry = db.Query($"SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE lower(table_name) = lower({SqliteDb.Literal(table)})");
        if (geometry.Count != 1 || geometry[0][0] is not { } column || !int.TryParse(geometry[0][1], out int srsId))
            throw new GdalException($"GeoPackage table '{table}' has no geometry column registered (writing '{shownPath}')", shownPath);
        return (column, srsId);
    }

    internal static string RtreeName(string table, string geomColumn) => $"rtree_{table}_{geomColumn}";

    internal static bool Exists(SqliteDb db, string name) =>
        db.Query($"SELECT count(*) FROM sqlite_master WHERE name = {SqliteDb.Literal(name)}")[0][0] != "0";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one call with a hot loop: no tier-0 code, no OSR
    private static unsafe (long[] Ids, double[] X, double[] Y) InsertRows(SqliteDb db, string table, string geomColumn, int srsId,
        IReadOnlyList<string> columnNames, VectorLayer layer, VectorColumns columns)
    {
        var names = new[] { geomColumn }.Concat(columnNames).Select(SqliteDb.Quote);
        string sql = $"INSERT INTO {SqliteDb.Quote(table)} ({string.Join(", ", names)}) VALUES ({string.Join(", ", Enumerable.Repeat("?", columnNames.Count + 1))})";
        using var insert = db.Prepare(sql);
        int n = layer.Features.Count, fieldCount = layer.Fields.Count;
        var numbers = new double[]?[fieldCount];
        var texts = new string?[]?[fieldCount];
        var integer = new bool[fieldCount];
        for (int f = 0; f < fieldCount; f++)
        {
            numbers[f] = columns.Numbers(f);
            texts[f] = columns.Texts(f);
            integer[f] = layer.Fields[f].Type is VectorFieldType.Integer or VectorFieldType.Integer64;
        }
        var ids = new long[n];
        double[] x = columns.X!, y = columns.Y!;
        byte[] blob = GC.AllocateUninitializedArray<byte>(PointBlobBytes, pinned: true);
        // Bindings survive a reset: a NULL already bound to a parameter is not bound again.
        var boundNull = new bool[fieldCount + 2];
        // A row's texts are encoded to UTF-8 into one pinned buffer and bound in place (no copy by SQLite).
        byte[] text = GC.AllocateUninitializedArray<byte>(4096, pinned: true);
        for (int r = 0; r < n; r++)
        {
            int textBytes = 0;
            for (int f = 0; f < fieldCount; f++)
                textBytes += texts[f]?[r] is { } t ? Encoding.UTF8.GetMaxByteCount(t.Length) : 0;
            if (textBytes > text.Length)
                text = GC.AllocateUninitializedArray<byte>(Math.Max(textBytes, 2 * text.Length), pinned: true);
            int used = 0, rc;
            EncodePoint(blob, srsId, x[r], y[r]);
            rc = insert.BindStaticUnchecked(1, (byte*)Unsafe.AsPointer(ref blob[0]), blob.Length, blob: true);
            for (int f = 0; f < fieldCount; f++)
            {
                int param = f + 2;
                if (numbers[f] is { } column)
                {
                    double v = column[r];
                    if (double.IsNaN(v))
                    {
                        if (!boundNull[param])
                            rc |= insert.BindNullUnchecked(param);
                        boundNull[param] = true;
                        continue;
                    }
                    rc |= integer[f] ? insert.BindUnchecked(param, WholeNumber(v, layer.Fields[f], layer.Name, r)) : insert.BindUnchecked(param, v);
                }
                else if (texts[f]![r] is { } s)
                {
                    int length = Encoding.UTF8.GetBytes(s, text.AsSpan(used));
                    rc |= insert.BindStaticUnchecked(param, (byte*)Unsafe.AsPointer(ref text[used]), length);
                    used += length;
                }
                else
                {
                    if (!boundNull[param])
                        rc |= insert.BindNullUnchecked(param);
                    boundNull[param] = true;
                    continue;
                }
                boundNull[param] = false;
            }
            // SQLITE_OK is 0: one check per row instead of one call per cell.
            insert.CheckBindings(rc);
            insert.Execute();
            ids[r] = db.LastInsertRowId;
        }
        return (ids, x, y);
    }

    internal static long WholeNumber(double v, VectorField field, string layer, int row) =>
        field.Type == VectorFieldType.Integer ? v is >= int.MinValue and <= int.MaxValue ? (int)v
                : throw new ArgumentException($"layer '{layer}' feature {row}: field '{field.Name}' (Integer) cannot hold {v}")
            : v is >= long.MinValue and < 9.2233720368547758E18 ? (long)v
                : throw new ArgumentException($"layer '{layer}' feature {row}: field '{field.Name}' (Integer64) cannot hold {v}");

    /// <summary>GeoPackage binary: "GP", version 0, flags (little-endian, no envelope; empty bit for NaN), srs_id, then ISO WKB.</summary>
    internal static void EncodePoint(Span<byte> blob, int srsId, double x, double y)
    {
        bool empty = double.IsNaN(x) || double.IsNaN(y);
        blob[0] = (byte)'G';
        blob[1] = (byte)'P';
        blob[2] = 0;
        blob[3] = (byte)(empty ? 0x11 : 0x01);
        BinaryPrimitives.WriteInt32LittleEndian(blob[4..], srsId);
        blob[8] = 1; // WKB little-endian
        BinaryPrimitives.WriteUInt32LittleEndian(blob[9..], (uint)GdalNative.wkbPoint);
        BinaryPrimitives.WriteDoubleLittleEndian(blob[13..], empty ? double.NaN : x);
        BinaryPrimitives.WriteDoubleLittleEndian(blob[21..], empty ? double.NaN : y);
    }

    internal static void UpdateMetadata(SqliteDb db, string table, double[] x, double[] y, long count)
    {
        double minX = double.PositiveInfinity, maxX = double.NegativeInfinity, minY = double.PositiveInfinity, maxY = double.NegativeInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i]))
                continue;
            minX = Math.Min(minX, x[i]);
            maxX = Math.Max(maxX, x[i]);
            minY = Math.Min(minY, y[i]);
            maxY = Math.Max(maxY, y[i]);
        }
        if (minX <= maxX)
        {
            using var extent = db.Prepare("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE lower(table_name) = lower(?)");
            extent.Bind(1, minX);
            extent.Bind(2, minY);
            extent.Bind(3, maxX);
            extent.Bind(4, maxY);
            extent.Bind(5, table);
            extent.Execute();
        }
        if (db.Query("SELECT count(*) FROM sqlite_master WHERE name = 'gpkg_ogr_contents'")[0][0] != "0")
        {
            using var features = db.Prepare("UPDATE gpkg_ogr_contents SET feature_count = ? WHERE lower(table_name) = lower(?)");
            features.Bind(1, count);
            features.Bind(2, table);
            features.Execute();
        }
    }
}
