using System.Globalization;
using GisBridge.Server.Io.Gdal;
using Microsoft.Data.Sqlite;

namespace GisBridge.Server.Tests.Io.Gdal;

/// <summary>Sample paths (repo samples/) and a private temporary folder deleted on dispose.</summary>
public sealed class GdalTestFiles : IDisposable
{
    public GdalTestFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "gisbridge-gdal-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Sample(string relative) => Path.Combine(RepoRoot, "samples", relative);

    /// <summary>The rows of a SQLite query on <paramref name="path"/>, one line per row, fields separated by '|' (NULL as "NULL").</summary>
    public static string Query(string path, string sql)
    {
        using var db = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        return string.Join("\n", rows);
    }

    /// <summary>WKT of an EPSG code, through GDAL (so that tests write real WKT as the server does).</summary>
    public static string Wkt(string definition)
    {
        nint srs = GdalCrs.Create(definition, "test");
        try
        {
            return GdalCrs.ToWkt(srs);
        }
        finally
        {
            GdalNative.OSRDestroySpatialReference(srs);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException) { }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GisBridge.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("GisBridge.sln not found above " + AppContext.BaseDirectory);
    }
}
