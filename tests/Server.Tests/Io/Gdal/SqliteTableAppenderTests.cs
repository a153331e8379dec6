using System.Globalization;
using GisBridge.Server.Io.Gdal;
using Xunit.Abstractions;

using static GisBridge.Server.Tests.Io.Gdal.GdalTestFiles;

namespace GisBridge.Server.Tests.Io.Gdal;

/// <summary>
/// Tables written page by page must be what SQLite itself reads back and checks: every value with its storage
/// class, rowid lookups through the interior levels, PRAGMA integrity_check, and nothing changed when a row does
/// not fit or the file does not qualify.
/// </summary>
public sealed class SqliteTableAppenderTests(ITestOutputHelper output) : IDisposable
{
    private readonly GdalTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>A new database with table t(id INTEGER PRIMARY KEY, columns...), empty, closed.</summary>
    private string NewDatabase(string name, int pageSize, string columns, string pragmas = "")
    {
        string path = _files.PathOf(name);
        using var db = SqliteDb.Open(path, create: true);
        db.Exec($"PRAGMA page_size = {pageSize}; {pragmas} CREATE TABLE t (id INTEGER PRIMARY KEY, {columns}); CREATE TABLE other (a TEXT); INSERT INTO other VALUES ('kept')");
        return path;
    }

    private static SqliteTableLayout Layout(string path, string table = "t")
    {
        using var db = SqliteDb.Open(path);
        return SqliteTableLayout.TryRead(db, table, out string reason) ?? throw new InvalidOperationException(reason);
    }

    private static void Fill(string path, int rows, SqliteTableAppender.RowEncoder encode)
    {
        long root = Layout(path).RootPage;
        using var file = SqlitePageFile.TryOpen(path, out string reason) ?? throw new InvalidOperationException(reason);
        SqliteTableAppender.Fill(file, root, rows, encode);
        file.Commit();
    }

    [Theory]
    [InlineData(512, 20_000)]   // small pages: four levels, many interior pages
    [InlineData(4096, 50_000)]  // several ranges on the thread pool
    [InlineData(65536, 3)]      // one leaf: it becomes the root page
    public void ManyRows_ReadBackThroughSqlite_AndPassTheIntegrityCheck(int pageSize, int rows)
    {
        string path = NewDatabase($"t{pageSize}.db", pageSize, "x REAL, n INTEGER, s TEXT, b BLOB");
        Fill(path, rows, (r, record) =>
        {
            record.AddNull(); // the rowid alias is stored as NULL
            if (r % 5 == 0) record.AddNull(); else record.AddReal(r * 0.25 - 7);
            record.AddInteger(r % 3 == 0 ? -r : (long)r * r);
            record.AddText(r % 7 == 0 ? "" : $"row {r} – Fe³⁺");
            record.AddBlob(BitConverter.GetBytes(r));
            return 2L * r + 1; // gaps between rowids are allowed
        });

        Assert.Equal("ok", Query(path, "PRAGMA integrity_check"));
        Assert.Equal($"{rows}|{2L * (rows - 1) + 1}", Query(path, "SELECT count(*), max(id) FROM t"));
        Assert.Equal("kept", Query(path, "SELECT a FROM other"));
        var random = new Random(7);
        for (int i = 0; i < 50; i++)
        {
            int r = random.Next(rows);
            double real = r * 0.25 - 7;
            string x = r % 5 == 0 ? "NULL" : real.ToString(real == Math.Floor(real) ? "0.0" : "R", CultureInfo.InvariantCulture); // SQLite's text of a REAL
            string n = (r % 3 == 0 ? -r : (long)r * r).ToString(CultureInfo.InvariantCulture);
            string s = r % 7 == 0 ? "" : $"row {r} – Fe³⁺";
            string blob = Convert.ToHexString(BitConverter.GetBytes(r));
            Assert.Equal($"{x}|{n}|{s}|{blob}|integer", Query(path, $"SELECT x, n, s, hex(b), typeof(n) FROM t WHERE id = {2L * r + 1}"));
        }
        Assert.Equal("", Query(path, "SELECT id FROM t WHERE id = 2")); // a gap

        // SQLite goes on with the tree as its own: inserts between and after the rows, deletes, then checks it.
        using (var db = SqliteDb.Open(path))
            db.Exec("INSERT INTO t (id, s) SELECT id + 1, 'between' FROM t WHERE id % 4 = 1; INSERT INTO t (s) VALUES ('after'); DELETE FROM t WHERE id % 3 = 0 AND s <> 'after'");
        Assert.Equal("ok", Query(path, "PRAGMA integrity_check"));
        long last = 2L * (rows - 1) + 1;
        Assert.Equal($"{(last % 4 == 1 ? last + 2 : last + 1)}|after", Query(path, "SELECT id, s FROM t ORDER BY id DESC LIMIT 1"));
        output.WriteLine($"page size {pageSize}: {rows} rows in {new FileInfo(path).Length / pageSize} pages");
    }

    [Fact]
    public void IntegerBoundaries_AndLongTexts_KeepTheirValuesAndStorageClasses()
    {
        long[] values = [0, 1, -1, 127, 128, -128, -129, 32767, 32768, -32769, 8388607, 8388608, -8388609, int.MaxValue, 1L + int.MaxValue,
            int.MinValue - 1L, 140737488355327, 140737488355328, -140737488355329, long.MaxValue, long.MinValue];
        string longText = new('é', 5000); // 10,000 bytes: a two-byte serial type
        string path = NewDatabase("ints.db", 65536, "v INTEGER, r REAL, s TEXT");
        Fill(path, values.Length, (r, record) =>
        {
            record.AddNull();
            record.AddInteger(values[r]);
            record.AddReal(values[r]);
            record.AddText(r == 3 ? longText : "a");
            return r + 1;
        });
        Assert.Equal("ok", Query(path, "PRAGMA integrity_check"));
        Assert.Equal(string.Join("\n", values.Select(v => $"{v}|integer|real")), Query(path, "SELECT v, typeof(v), typeof(r) FROM t ORDER BY id"));
        Assert.Equal("5000|10000", Query(path, "SELECT length(s), length(CAST(s AS BLOB)) FROM t WHERE id = 4"));
    }

    [Fact]
    public void ManyColumns_GetAHeaderLongerThan127Bytes()
    {
        string columns = string.Join(", ", Enumerable.Range(0, 150).Select(c => $"c{c} REAL"));
        string path = NewDatabase("wide.db", 4096, columns);
        Fill(path, 100, (r, record) =>
        {
            record.AddNull();
            for (int c = 0; c < 150; c++)
            {
                if ((r + c) % 4 == 0) record.AddNull(); else record.AddReal(r + c / 1000.0);
            }
            return r + 1;
        });
        Assert.Equal("ok", Query(path, "PRAGMA integrity_check"));
        Assert.Equal("NULL|10.149|NULL", Query(path, "SELECT c2, c149, c146 FROM t WHERE id = 11"));
    }

    [Fact]
    public void RowNeedingOverflowPages_IsRefused_AndTheFileIsLeftAsItWas()
    {
        string path = NewDatabase("big.db", 4096, "s TEXT");
        byte[] before = File.ReadAllBytes(path);
        long root = Layout(path).RootPage;
        using (var file = SqlitePageFile.TryOpen(path, out _)!)
        {
            Assert.Throws<SqliteRowTooLargeException>(() => SqliteTableAppender.Fill(file, root, 40_000, (r, record) =>
            {
                record.AddNull();
                record.AddText(r == 39_000 ? new string('x', 5000) : "short");
                return r + 1;
            }));
        }
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal("ok", Query(path, "PRAGMA integrity_check"));
        Assert.Equal("0", Query(path, "SELECT count(*) FROM t"));
    }

    [Fact]
    public void RowIdsOutOfOrder_OrATableThatIsNotEmpty_AreRefused()
    {
        string path = NewDatabase("order.db", 4096, "s TEXT");
        long root = Layout(path).RootPage;
        using (var file = SqlitePageFile.TryOpen(path, out _)!)
            Assert.Throws<InvalidOperationException>(() => SqliteTableAppender.Fill(file, root, 10, (r, record) => { record.AddNull(); return r == 5 ? 1 : r + 1; }));
        Fill(path, 3, (r, record) => { record.AddNull(); record.AddText("a"); return r + 1; });
        using (var file = SqlitePageFile.TryOpen(path, out _)!)
            Assert.Throws<InvalidOperationException>(() => SqliteTableAppender.Fill(file, root, 1, (r, record) => { record.AddNull(); return 10; }));
        Assert.Equal("3", Query(path, "SELECT count(*) FROM t"));
    }

    [Theory]
    [InlineData("PRAGMA journal_mode = WAL;", "write-ahead log")]
    [InlineData("PRAGMA auto_vacuum = FULL;", "auto-vacuum")]
    [InlineData("PRAGMA encoding = 'UTF-16le';", "UTF-8")]
    public void FilesThatDoNotQualify_AreDeclinedWithTheReason(string pragma, string expected)
    {
        string path = NewDatabase("declined.db", 4096, "s TEXT", pragma);
        Assert.Null(SqlitePageFile.TryOpen(path, out string reason));
        Assert.Contains(expected, reason);
    }

    [Fact]
    public void TablesWithIndexesOrConstraints_AreDeclined()
    {
        string path = NewDatabase("layouts.db", 4096, "s TEXT UNIQUE, n INTEGER NOT NULL");
        using var db = SqliteDb.Open(path);
        db.Exec("CREATE TABLE c (id INTEGER PRIMARY KEY, v REAL CHECK (v > 0)); CREATE TABLE k (a TEXT PRIMARY KEY, b REAL)");
        Assert.Null(SqliteTableLayout.TryRead(db, "t", out string reason));
        Assert.Contains("indexes", reason);
        Assert.Null(SqliteTableLayout.TryRead(db, "c", out reason));
        Assert.Contains("constraints", reason);
        Assert.Null(SqliteTableLayout.TryRead(db, "k", out reason)); // a primary key that is not the rowid has an index
        Assert.Contains("indexes", reason);
        Assert.Null(SqliteTableLayout.TryRead(db, "missing", out reason));
    }

    [Theory]
    [InlineData("INTEGER", "Integer")]
    [InlineData("MEDIUMINT", "Integer")]
    [InlineData("TEXT", "Text")]
    [InlineData("VARCHAR(20)", "Text")]
    [InlineData("REAL", "Real")]
    [InlineData("FLOAT", "Real")]
    [InlineData("", "Blob")]
    [InlineData("POINT", "Integer")]      // "POINT" contains "INT": GeoPackage point columns have INTEGER affinity
    [InlineData("MULTIPOLYGON", "Numeric")]
    [InlineData("DATETIME", "Numeric")]
    [InlineData("BOOLEAN", "Numeric")]
    public void Affinity_FollowsSqlitesRules(string declared, string expected) =>
        Assert.Equal(expected, SqliteTableLayout.AffinityOf(declared).ToString());

    [Theory]
    [InlineData(10, 5, 100, 11, 5)]     // far from the lock page
    [InlineData(95, 10, 100, 96, 4)]    // stops short of it
    [InlineData(99, 10, 100, 101, 10)]  // starts past it
    [InlineData(150, 3, 100, 151, 3)]   // already past it
    public void PageRuns_NeverIncludeTheLockBytePage(long last, int count, long lockPage, long first, int granted) =>
        Assert.Equal((first, granted), SqlitePageFile.NextRun(last, count, lockPage));

    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(127UL, "7F")]
    [InlineData(128UL, "8100")]
    [InlineData(16383UL, "FF7F")]
    [InlineData(16384UL, "818000")]
    [InlineData(0x00FF_FFFF_FFFF_FFFFUL, "FFFFFFFFFFFFFF7F")]
    [InlineData(0x0100_0000_0000_0000UL, "80C080808080808000")]
    [InlineData(ulong.MaxValue, "FFFFFFFFFFFFFFFFFF")]
    public void Varints_AreSqlitesBigEndianSevenBitForm(ulong value, string hex)
    {
        var buffer = new byte[9];
        int n = SqliteVarint.Write(buffer, value);
        Assert.Equal(hex, Convert.ToHexString(buffer, 0, n));
        Assert.Equal(n, SqliteVarint.Length(value));
    }
}
