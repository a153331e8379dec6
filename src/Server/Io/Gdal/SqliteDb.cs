using System.Runtime.InteropServices;
using System.Text;
using static GisBridge.Server.Io.Gdal.SqliteNative;

namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// A minimal SQLite connection on <see cref="SqliteNative"/> (one thread at a time). Failures throw
/// <see cref="GdalException"/> naming the file, the statement and SQLite's message.
/// </summary>
internal sealed unsafe class SqliteDb : IDisposable
{
    private nint _db;

    private SqliteDb(nint db, string path)
    {
        _db = db;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Opens a database file for reading and writing (no connection mutex: one thread at a time); <paramref name="create"/>: a missing file is created.</summary>
    public static SqliteDb Open(string path, bool create = false)
    {
        if (!IsAvailable)
            throw new GdalException("no SQLite library could be loaded", path);
        nint db = 0;
        int rc;
        fixed (byte* p = GdalNative.Utf8Z(path))
            rc = open_v2(p, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0), null);
        if (rc != SQLITE_OK)
        {
            string message = db == 0 ? $"code {rc}" : GdalNative.Str(errmsg(db));
            if (db != 0)
                close_v2(db);
            throw new GdalException($"SQLite cannot open '{path}': {message}", path);
        }
        return new SqliteDb(db, path);
    }

    public void Exec(string sql)
    {
        int rc;
        fixed (byte* p = GdalNative.Utf8Z(sql))
            rc = exec(_db, p, 0, 0, null);
        Check(rc, sql);
    }

    /// <summary>
    /// Begins a transaction without syncs and with the rollback journal in memory: for files written to a temporary
    /// name and renamed into place once complete (<see cref="AtomicFile"/>), where a crash leaves nothing to recover.
    /// </summary>
    public void BeginUnsynced() => Exec("PRAGMA synchronous = OFF; PRAGMA journal_mode = MEMORY; BEGIN");

    public SqliteStatement Prepare(string sql)
    {
        nint stmt = 0;
        int rc;
        fixed (byte* p = GdalNative.Utf8Z(sql))
            rc = prepare_v2(_db, p, -1, &stmt, 0);
        Check(rc, sql);
        return new SqliteStatement(this, stmt, sql);
    }

    /// <summary>Rows of a query as text (NULL as null), for small catalogue queries.</summary>
    public List<string?[]> Query(string sql)
    {
        using var statement = Prepare(sql);
        var rows = new List<string?[]>();
        while (statement.Step())
        {
            var row = new string?[statement.ColumnCount];
            for (int c = 0; c < row.Length; c++)
                row[c] = statement.Text(c);
            rows.Add(row);
        }
        return rows;
    }

    public long LastInsertRowId => last_insert_rowid(_db);

    internal void Check(int rc, string sql)
    {
        if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
            throw new GdalException($"SQLite failed on '{Path}' ({Shorten(sql)}): {GdalNative.Str(errmsg(_db))}", Path);
    }

    public void Dispose()
    {
        if (_db != 0)
            close_v2(_db);
        _db = 0;
    }

    private static string Shorten(string sql) => sql.Length <= 120 ? sql : sql[..120] + "...";

    /// <summary>A single-quoted SQL string literal.</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''") + "'";

    /// <summary>A double-quoted SQL identifier.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}

/// <summary>A prepared statement; parameters are numbered from 1, result columns from 0.</summary>
internal sealed unsafe class SqliteStatement(SqliteDb db, nint stmt, string sql) : IDisposable
{
    public void Bind(int i, double value) => Check(bind_double(stmt, i, value));
    public void Bind(int i, long value) => Check(bind_int64(stmt, i, value));
    public void BindNull(int i) => Check(bind_null(stmt, i));

    /// <summary>Binds text by copy.</summary>
    public void Bind(int i, string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        fixed (byte* p = utf8)
            Check(bind_text(stmt, i, p, utf8.Length, SQLITE_TRANSIENT));
    }

    /// <summary>Binds UTF-8 text (or a blob) in place: the bytes must stay valid and unmoved until the next step.</summary>
    public void BindStatic(int i, byte* bytes, int length, bool blob = false) =>
        Check(blob ? bind_blob(stmt, i, bytes, length, SQLITE_STATIC) : bind_text(stmt, i, bytes, length, SQLITE_STATIC));

    // The *Unchecked binders return SQLite's result code (0 = SQLITE_OK) for a caller that binds a whole row and
    // checks once (CheckBindings with the codes OR-ed together): a bulk insert binds millions of cells.
    public int BindUnchecked(int i, double value) => bind_double(stmt, i, value);
    public int BindUnchecked(int i, long value) => bind_int64(stmt, i, value);
    public int BindNullUnchecked(int i) => bind_null(stmt, i);
    public int BindStaticUnchecked(int i, byte* bytes, int length, bool blob = false) =>
        blob ? bind_blob(stmt, i, bytes, length, SQLITE_STATIC) : bind_text(stmt, i, bytes, length, SQLITE_STATIC);

    /// <summary>Throws SQLite's message when <paramref name="orOfCodes"/> (result codes OR-ed together) is not SQLITE_OK.</summary>
    public void CheckBindings(int orOfCodes)
    {
        if (orOfCodes != SQLITE_OK)
            db.Check(SQLITE_ERROR, sql);
    }

    public void Bind(int i, ReadOnlySpan<byte> blob)
    {
        fixed (byte* p = blob)
            Check(bind_blob(stmt, i, p, blob.Length, SQLITE_TRANSIENT));
    }

    /// <summary>Runs one step: true when a row is available, false when done.</summary>
    public bool Step()
    {
        int rc = step(stmt);
        if (rc == SQLITE_ROW)
            return true;
        db.Check(rc, sql);
        return false;
    }

    /// <summary>Runs an INSERT/UPDATE to completion and makes the statement ready for new bindings.</summary>
    public void Execute()
    {
        int rc = step(stmt);
        reset(stmt);
        if (rc != SQLITE_DONE)
            db.Check(rc == SQLITE_ROW ? SQLITE_DONE : rc, sql);
    }

    public int ColumnCount => column_count(stmt);

    public long Int64(int column) => column_int64(stmt, column);

    public string? Text(int column) => column_text(stmt, column) is var p && p != 0 ? Marshal.PtrToStringUTF8(p) : null;

    private void Check(int rc) => db.Check(rc, sql);

    public void Dispose()
    {
        if (stmt != 0)
            finalize(stmt);
        stmt = 0;
    }
}
