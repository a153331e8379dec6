using System.Diagnostics;
using GisBridge.Server.Io.Gdal;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

using static GisBridge.Server.Tests.Io.Gdal.GdalTestFiles;

namespace GisBridge.Server.Tests.Io.Gdal;

/// <summary>
/// GeoPackages written through OGR: a layer given column-wise reads back like the same layer given feature by feature
/// (fields, types, NULLs, geometry, extent, count), the file passes SQLite's integrity and R-tree checks, the R-tree
/// answers windows like a brute-force scan, and a reader in another process never sees a partial file.
/// </summary>
public sealed class GeoPackageWriterTests(ITestOutputHelper output) : IDisposable
{
    private static readonly GeometryFactory Factory = new();
    private readonly GdalTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly VectorField[] Fields =
    [
        new("longitude", VectorFieldType.Real),
        new("sample_id", VectorFieldType.String),
        new("dupal", VectorFieldType.Integer),
        new("georoc_id", VectorFieldType.Integer64),
        new("sio2", VectorFieldType.Real),
    ];

    /// <summary>A point layer given both ways: per-feature dictionaries and the same values column by column.</summary>
    private static VectorLayer Layer(int count, int seed, bool columns)
    {
        var random = new Random(seed);
        var x = new double[count];
        var y = new double[count];
        var ids = new string?[count];
        var dupal = new double[count];
        var big = new double[count];
        var sio2 = new double[count];
        var features = new VectorFeature[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = Math.Round(-180 + random.NextDouble() * 360, 3);
            y[i] = Math.Round(-80 + random.NextDouble() * 160, 3);
            ids[i] = i % 7 == 3 ? null : i % 5 == 0 ? $"Fe³⁺ – Ø \"{i}\" 'q'" : $"S{i}";
            dupal[i] = i % 3 == 0 ? double.NaN : i % 2;
            big[i] = i % 4 == 0 ? double.NaN : 5_000_000_000d + i;
            sio2[i] = i % 6 == 0 ? double.NaN : 45 + random.NextDouble() * 10;
            features[i] = new VectorFeature(Factory.CreatePoint(new Coordinate(x[i], y[i])), new Dictionary<string, object?>
            {
                ["longitude"] = x[i], ["sample_id"] = ids[i], ["dupal"] = double.IsNaN(dupal[i]) ? null : (int)dupal[i],
                ["georoc_id"] = double.IsNaN(big[i]) ? null : (long)big[i], ["sio2"] = double.IsNaN(sio2[i]) ? null : sio2[i],
            });
        }
        var byColumn = columns ? new VectorColumns([x, ids, dupal, big, sio2], x, y) : null;
        return new VectorLayer("samples", "EPSG:4326", Fields, features, byColumn);
    }

    [Fact]
    public void ColumnWiseLayer_ReadsBackLikeTheFeatureWiseLayer()
    {
        string columnWise = _files.PathOf("columns.gpkg"), featureWise = _files.PathOf("features.gpkg");
        OgrVectorWriter.WriteGeoPackage(columnWise, "samples", Layer(500, 1, columns: true));
        OgrVectorWriter.WriteGeoPackage(featureWise, "samples", Layer(500, 1, columns: false));
        var a = OgrVectorReader.Read(columnWise);
        var b = OgrVectorReader.Read(featureWise);

        Assert.Equal(Fields.Select(f => (f.Name, f.Type)), a.Fields.Select(f => (f.Name, f.Type)));
        Assert.Equal(b.Fields.Select(f => (f.Name, f.Type)), a.Fields.Select(f => (f.Name, f.Type)));
        Assert.Equal(b.CrsWkt, a.CrsWkt);
        Assert.Equal(500, a.Features.Count);
        for (int i = 0; i < a.Features.Count; i++)
        {
            Assert.Equal(b.Features[i].Geometry!.Coordinate, a.Features[i].Geometry!.Coordinate);
            foreach (var field in Fields)
                Assert.Equal(b.Features[i].Attributes.GetValueOrDefault(field.Name), a.Features[i].Attributes.GetValueOrDefault(field.Name));
        }
        Assert.Null(a.Features[3].Attributes.GetValueOrDefault("sample_id")); // NULL stays NULL, not ""
        Assert.Null(a.Features[0].Attributes.GetValueOrDefault("dupal"));
        Assert.IsType<int>(a.Features[1].Attributes["dupal"]);
        Assert.Equal(5_000_000_001L, a.Features[1].Attributes["georoc_id"]);
        Assert.Equal("Fe³⁺ – Ø \"5\" 'q'", a.Features[5].Attributes["sample_id"]);

        string[] catalogue =
        [
            "SELECT min_x, min_y, max_x, max_y, srs_id, data_type FROM gpkg_contents",
            "SELECT feature_count FROM gpkg_ogr_contents",
            "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name",
            "SELECT table_name, column_name, extension_name FROM gpkg_extensions",
            "SELECT fid, hex(geom), longitude, sample_id, dupal, georoc_id, sio2, typeof(dupal), typeof(sio2) FROM samples ORDER BY fid",
        ];
        foreach (var sql in catalogue)
            Assert.Equal(Query(featureWise, sql), Query(columnWise, sql));
        Assert.Equal("500", Query(columnWise, "SELECT feature_count FROM gpkg_ogr_contents"));
        Assert.Equal("500", Query(columnWise, "SELECT count(*) FROM rtree_samples_geom"));
    }

    [Fact]
    public void ManyPoints_PassIntegrityChecks_AndTheRtreeAnswersWindowsLikeABruteForceScan()
    {
        string path = _files.PathOf("many.gpkg");
        var layer = Layer(30_000, 2, columns: true);
        OgrVectorWriter.WriteGeoPackage(path, "samples", layer);
        Assert.Equal("ok", Query(path, "PRAGMA integrity_check"));
        Assert.Equal("ok", Query(path, "SELECT rtreecheck('rtree_samples_geom')"));
        Assert.Equal(Query(path, "SELECT count(*) FROM samples"), Query(path, "SELECT count(*) FROM rtree_samples_geom"));
        var random = new Random(3);
        for (int w = 0; w < 20; w++)
        {
            double x0 = -180 + random.NextDouble() * 300, y0 = -80 + random.NextDouble() * 120;
            double x1 = x0 + random.NextDouble() * 60, y1 = y0 + random.NextDouble() * 40;
            int expected = layer.Features.Count(f => Inside(f.Geometry!.Coordinate, x0, y0, x1, y1));
            var found = Query(path, FormattableString.Invariant($"SELECT id FROM rtree_samples_geom WHERE minx <= {x1:R} AND maxx >= {x0:R} AND miny <= {y1:R} AND maxy >= {y0:R}"))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse);
            // Bounds are float32 rounded outwards: the index may list a point just outside, never miss one inside.
            int inside = found.Count(fid => Inside(layer.Features[(int)fid - 1].Geometry!.Coordinate, x0, y0, x1, y1));
            Assert.Equal(expected, inside);
        }
        Assert.Equal(30_000, OgrVectorReader.Read(path).Features.Count);
    }

    /// <summary>
    /// Another process polls the target while it is written twice over: it must find no file or a complete one
    /// (integrity ok, every row there), never a partial or locked one.
    /// </summary>
    [Fact]
    public async Task ReaderInAnotherProcess_SeesNothingOrACompleteFile()
    {
        const int rows = 60_000;
        string path = _files.PathOf("watched.gpkg"), done = _files.PathOf("done");
        const string watcher = """
            import os, sqlite3, sys, time
            path, done = sys.argv[1], sys.argv[2]
            print("ready", flush=True)
            while not os.path.exists(done):
                if not os.path.exists(path):
                    print("absent", flush=True); time.sleep(0.005); continue
                try:
                    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
                    ok = db.execute("PRAGMA integrity_check").fetchone()[0]
                    n = db.execute("SELECT count(*) FROM samples").fetchone()[0]
                    db.close()
                    print("%s %d" % (ok, n), flush=True)
                except Exception as e:
                    print("error %s" % e, flush=True)
            """;
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", watcher, path, done })
            start.ArgumentList.Add(a);
        using var reader = Process.Start(start)!;
        Assert.Equal("ready", reader.StandardOutput.ReadLine());
        var seen = new List<string>();
        var collect = Task.Run(() => { while (reader.StandardOutput.ReadLine() is { } line) lock (seen) seen.Add(line); });
        var layer = Layer(rows, 9, columns: true);
        OgrVectorWriter.WriteGeoPackage(path, "samples", layer);
        OgrVectorWriter.WriteGeoPackage(path, "samples", layer); // replaced while the reader may hold the first
        Thread.Sleep(200);
        File.WriteAllText(done, "");
        Assert.True(reader.WaitForExit(30_000), "the reader process did not stop");
        await collect;
        output.WriteLine(string.Join(", ", seen.GroupBy(s => s).Select(g => $"{g.Key}: {g.Count()}")));
        Assert.Contains($"ok {rows}", seen);
        Assert.All(seen, line => Assert.True(line == "absent" || line == $"ok {rows}", $"the reader saw '{line}'"));
        Assert.Equal(new[] { path, done }.Order(), Directory.GetFiles(_files.Folder).Order()); // no temporary file left
    }

    [Fact]
    public void BadColumns_AreRefusedNamingTheField()
    {
        var layer = Layer(3, 4, columns: false);
        var shortColumn = Assert.Throws<ArgumentException>(() => new VectorLayer("s", "", Fields, layer.Features,
            new VectorColumns([new double[3], new string?[3], new double[3], new double[2], new double[3]])));
        Assert.Contains("georoc_id", shortColumn.Message);
        var wrongType = Assert.Throws<ArgumentException>(() => new VectorLayer("s", "", Fields, layer.Features,
            new VectorColumns([new double[3], new double[3], new double[3], new double[3], new double[3]])));
        Assert.Contains("sample_id", wrongType.Message);
        var shortX = Assert.Throws<ArgumentException>(() => new VectorLayer("s", "", Fields, layer.Features,
            new VectorColumns([new double[3], new string?[3], new double[3], new double[3], new double[3]], new double[2], new double[3])));
        Assert.Contains("X", shortX.Message);

        var tooBig = new VectorLayer("s", "", Fields, layer.Features,
            new VectorColumns([new double[3], new string?[3], new[] { 0, 1, 3e9 }, new double[3], new double[3]], new double[3], new double[3]));
        var e = Assert.Throws<ArgumentException>(() => OgrVectorWriter.WriteGeoPackage(_files.PathOf("big.gpkg"), [tooBig]));
        Assert.Contains("dupal", e.Message);
        Assert.Empty(Directory.GetFiles(_files.Folder)); // atomic: nothing left behind
    }

    private static bool Inside(Coordinate c, double x0, double y0, double x1, double y1) => c.X >= x0 && c.X <= x1 && c.Y >= y0 && c.Y <= y1;
}
