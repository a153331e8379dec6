namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// What <see cref="SqliteTableAppender"/> needs to know of a rowid table before writing its pages: the root page
/// and each column's declared type and affinity, in table order. <see cref="TryRead"/> says why a table does not
/// qualify: indexes (the appender does not fill them), CHECK constraints, NOT NULL columns other than the rowid,
/// or a primary key that is not the rowid. <see cref="AutoIncrement"/>: rowids are recorded in sqlite_sequence.
/// </summary>
internal sealed record SqliteTableLayout(long RootPage, IReadOnlyList<SqliteColumn> Columns, bool AutoIncrement)
{
    public static SqliteTableLayout? TryRead(SqliteDb db, string table, out string reason)
    {
        string name = SqliteDb.Literal(table);
        var master = db.Query($"SELECT rootpage, sql FROM sqlite_master WHERE type = 'table' AND name = {name}");
        if (master.Count != 1 || !long.TryParse(master[0][0], out long root) || root < 2)
        {
            reason = $"no table '{table}'";
            return null;
        }
        if (master[0][1] is not { } sql || sql.Contains("CHECK", StringComparison.OrdinalIgnoreCase) || sql.Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase))
        {
            reason = $"table '{table}' has constraints or no rowid";
            return null;
        }
        if (db.Query($"SELECT count(*) FROM pragma_index_list({name})")[0][0] != "0")
        {
            reason = $"table '{table}' has indexes";
            return null;
        }
        var columns = new List<SqliteColumn>();
        foreach (var row in db.Query($"SELECT name, type, \"notnull\", pk FROM pragma_table_info({name}) ORDER BY cid"))
        {
            bool key = row[3] != "0";
            string type = row[1] ?? "";
            if (key && (row[3] != "1" || !type.Equals("INTEGER", StringComparison.OrdinalIgnoreCase)))
            {
                reason = $"table '{table}': primary key column '{row[0]}' is not the rowid";
                return null;
            }
            if (!key && row[2] != "0")
            {
                reason = $"table '{table}': column '{row[0]}' is NOT NULL";
                return null;
            }
            columns.Add(new SqliteColumn(row[0]!, type, AffinityOf(type), key));
        }
        reason = "";
        return new SqliteTableLayout(root, columns, sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Column affinity from the declared type, by SQLite's rules (https://sqlite.org/datatype3.html#affinity_name_examples).</summary>
    public static SqliteAffinity AffinityOf(string declaredType)
    {
        string t = declaredType.ToUpperInvariant();
        if (t.Contains("INT")) return SqliteAffinity.Integer;
        if (t.Contains("CHAR") || t.Contains("CLOB") || t.Contains("TEXT")) return SqliteAffinity.Text;
        if (t.Length == 0 || t.Contains("BLOB")) return SqliteAffinity.Blob;
        if (t.Contains("REAL") || t.Contains("FLOA") || t.Contains("DOUB")) return SqliteAffinity.Real;
        return SqliteAffinity.Numeric;
    }
}

internal sealed record SqliteColumn(string Name, string DeclaredType, SqliteAffinity Affinity, bool IsRowId);

internal enum SqliteAffinity { Integer, Text, Blob, Real, Numeric }
