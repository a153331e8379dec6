using System.Runtime.CompilerServices;

namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// The fast path of <see cref="GpkgBulkPointWriter"/>: the feature table (rowids 1..n) and the R-tree's rowid
/// table are written as SQLite pages (<see cref="SqliteTableAppender"/>) on all cores; the few hundred R-tree
/// nodes, the extent, the feature count and the AUTOINCREMENT counter then go through SQLite in one transaction.
/// The table's triggers do not fire (nothing is inserted through SQL), and their effects are exactly those
/// updates. Declines (false, file unchanged) where a value would be converted by the column's affinity, the
/// table has indexes or constraints, the file is not a plain rollback-journal database, or a row needs overflow
/// pages; the caller then inserts through SQLite.
/// </summary>
internal static class GpkgPagePointWriter
{
    private enum Source { RowId, Geometry, Real, Integer, Text }

    public static bool TryFill(string path, string table, IReadOnlyList<string> columnNames, VectorLayer layer, VectorColumns columns, string shownPath)
    {
        string geomColumn, rtree;
        int srsId, nodeSize = 0;
        SqliteTableLayout? features, rowIds = null;
        using (var db = SqliteDb.Open(path))
        {
            (geomColumn, srsId) = GpkgBulkPointWriter.GeometryColumn(db, table, shownPath);
            features = SqliteTableLayout.TryRead(db, table, out _);
            rtree = GpkgBulkPointWriter.RtreeName(table, geomColumn);
            if (GpkgBulkPointWriter.Exists(db, rtree))
            {
                nodeSize = GpkgRtreeBulkLoader.ReadNodeSize(db, rtree);
                rowIds = SqliteTableLayout.TryRead(db, rtree + "_rowid", out _);
                if (rowIds is not { Columns: [{ IsRowId: true }, { Name: "nodeno" }] })
                    return false;
            }
        }
        if (features == null || Sources(features, geomColumn, columnNames, layer) is not { } sources)
            return false;

        int n = layer.Features.Count;
        double[] x = columns.X!, y = columns.Y!;
        var ids = new long[n];
        for (int i = 0; i < n; i++)
            ids[i] = i + 1;
        var packing = nodeSize > 0 ? Task.Run(() => GpkgRtreeBulkLoader.Pack(ids, x, y, nodeSize)) : null;
        using (var file = SqlitePageFile.TryOpen(path, out _))
        {
            if (file == null)
            {
                packing?.Wait();
                return false;
            }
            try
            {
                SqliteTableAppender.Fill(file, features.RootPage, n, FeatureEncoder(sources, srsId, layer, columns));
            }
            catch (SqliteRowTooLargeException)
            {
                packing?.Wait();
                return false; // disposing the file cuts it back to what GDAL wrote
            }
            if (packing?.Result is { } p)
            {
                SqliteTableAppender.Fill(file, rowIds!.RootPage, p.RowIds.Length, (r, record) =>
                {
                    record.AddNull();
                    record.AddInteger(p.RowLeaves[r]);
                    return p.RowIds[r];
                });
            }
            file.Commit();
        }

        using (var db = SqliteDb.Open(path))
        {
            db.BeginUnsynced();
            if (packing?.Result is { } p)
                GpkgRtreeBulkLoader.WriteNodes(db, rtree, p);
            GpkgBulkPointWriter.UpdateMetadata(db, table, x, y, n);
            // What AUTOINCREMENT would have recorded after inserting rowids 1..n.
            string name = SqliteDb.Literal(table);
            if (features.AutoIncrement)
                db.Exec($"UPDATE sqlite_sequence SET seq = max(seq, {n}) WHERE name = {name}; " +
                    $"INSERT INTO sqlite_sequence (name, seq) SELECT {name}, {n} WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = {name})");
            db.Exec("COMMIT");
        }
        return true;
    }

    /// <summary>Where each table column's values come from; null when a column is unknown or its affinity would convert them.</summary>
    private static (Source Kind, int Field)[]? Sources(SqliteTableLayout table, string geomColumn, IReadOnlyList<string> columnNames, VectorLayer layer)
    {
        var sources = new (Source, int)[table.Columns.Count];
        int mapped = 0;
        for (int c = 0; c < sources.Length; c++)
        {
            var column = table.Columns[c];
            if (column.IsRowId)
            {
                sources[c] = (Source.RowId, -1);
                continue;
            }
            if (column.Name == geomColumn)
            {
                sources[c] = (Source.Geometry, -1); // a blob: no affinity converts it
                continue;
            }
            int f = IndexOf(columnNames, column.Name);
            if (f < 0)
                return null;
            var kind = (layer.Fields[f].Type, column.Affinity) switch
            {
                (VectorFieldType.Real, SqliteAffinity.Real) => Source.Real,
                (VectorFieldType.Integer or VectorFieldType.Integer64, SqliteAffinity.Integer or SqliteAffinity.Numeric) => Source.Integer,
                (VectorFieldType.String, SqliteAffinity.Text) => Source.Text,
                _ => (Source?)null,
            };
            if (kind is not { } k)
                return null;
            sources[c] = (k, f);
            mapped++;
        }
        return mapped == columnNames.Count && mapped == layer.Fields.Count ? sources : null;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
                return i;
        }
        return -1;
    }

    private static SqliteTableAppender.RowEncoder FeatureEncoder((Source Kind, int Field)[] sources, int srsId, VectorLayer layer, VectorColumns columns) =>
        new FeatureRows(sources, srsId, layer, columns).Encode;

    /// <summary>A feature table's rows as records: rowid alias (NULL), point blob, then the fields by column.</summary>
    private sealed class FeatureRows
    {
        private readonly Source[] _kinds;
        private readonly double[]?[] _numbers;
        private readonly string?[]?[] _texts;
        private readonly VectorField?[] _fields;
        private readonly int[] _textColumns;
        private readonly double[] _x, _y;
        private readonly int _srsId;
        private readonly string _layer;

        public FeatureRows((Source Kind, int Field)[] sources, int srsId, VectorLayer layer, VectorColumns columns)
        {
            _kinds = [.. sources.Select(s => s.Kind)];
            _numbers = [.. sources.Select(s => s.Field >= 0 ? columns.Numbers(s.Field) : null)];
            _texts = [.. sources.Select(s => s.Field >= 0 ? columns.Texts(s.Field) : null)];
            _fields = [.. sources.Select(s => s.Field >= 0 ? layer.Fields[s.Field] : null)];
            _textColumns = [.. Enumerable.Range(0, sources.Length).Where(c => sources[c].Kind == Source.Text)];
            (_x, _y, _srsId, _layer) = (columns.X!, columns.Y!, srsId, layer.Name);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // millions of values: optimised code from the first row
        public long Encode(int r, SqliteRecord record)
        {
            // The whole row through two spans and two running offsets (kept in registers), sized first: at most
            // 9 serial-type bytes and 9 body bytes per value, plus 3 UTF-8 bytes per character of text.
            var kinds = _kinds;
            int textChars = 0;
            foreach (int c in _textColumns)
                textChars += _texts[c]![r]?.Length ?? 0;
            record.Open(9 * kinds.Length, 9 * kinds.Length + 3 * textChars, out var types, out var body);
            Span<byte> point = stackalloc byte[GpkgBulkPointWriter.PointBlobBytes];
            int t = 0, b = 0;
            for (int c = 0; c < kinds.Length; c++)
            {
                switch (kinds[c])
                {
                    case Source.Real when _numbers[c]![r] is var v && !double.IsNaN(v):
                        SqliteRecord.PutReal(types, ref t, body, ref b, v);
                        break;
                    case Source.Text when _texts[c]![r] is { } s:
                        SqliteRecord.PutText(types, ref t, body, ref b, s);
                        break;
                    case Source.Integer when _numbers[c]![r] is var v && !double.IsNaN(v):
                        SqliteRecord.PutInteger(types, ref t, body, ref b, GpkgBulkPointWriter.WholeNumber(v, _fields[c]!, _layer, r), record.SmallIntegerTypes);
                        break;
                    case Source.Geometry:
                        GpkgBulkPointWriter.EncodePoint(point, _srsId, _x[r], _y[r]);
                        SqliteRecord.PutBlob(types, ref t, body, ref b, point);
                        break;
                    default: // the rowid alias (stored as NULL) and missing values
                        SqliteRecord.PutNull(types, ref t);
                        break;
                }
            }
            record.Advance(t, b);
            return r + 1L;
        }
    }
}
