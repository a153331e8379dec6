using GisBridge.Server.Io.Gdal;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

using static GisBridge.Server.Tests.Io.Gdal.GdalTestFiles;

namespace GisBridge.Server.Tests.Io.Gdal;

/// <summary>
/// The GeoPackage bulk point path (column-wise layers) must give the same file content as the OGR feature-by-feature
/// path: same fields and types, NULLs, geometry, extent, feature count, triggers, and a valid, correct R-tree.
/// </summary>
public sealed class GpkgBulkPointWriterTests(ITestOutputHelper output) : IDisposable
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
    public void ColumnWiseLayer_ReadsBackLikeTheOgrPath()
    {
        Assert.True(SqliteNative.IsAvailable, "the system SQLite library should load next to GDAL");
        string bulk = _files.PathOf("bulk.gpkg"), ogr = _files.PathOf("ogr.gpkg");
        var columnWise = Layer(500, 1, columns: true);
        Assert.True(GpkgBulkPointWriter.CanWrite(columnWise));
        Assert.False(GpkgBulkPointWriter.CanWrite(Layer(500, 1, columns: false)));
        OgrVectorWriter.WriteGeoPackage(bulk, "samples", columnWise);
        OgrVectorWriter.WriteGeoPackage(ogr, "samples", Layer(500, 1, columns: false));
        var a = OgrVectorReader.Read(bulk);
        var b = OgrVectorReader.Read(ogr);

        Assert.Equal(b.Fields.Select(f => (f.Name, f.Type)), a.Fields.Select(f => (f.Name, f.Type)));
        Assert.Equal(Fields.Select(f => (f.Name, f.Type)), a.Fields.Select(f => (f.Name, f.Type)));
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

        // Same metadata and triggers as the OGR path; the spatial index is valid and registered.
        string[] catalogue =
        [
            "SELECT min_x, min_y, max_x, max_y, srs_id, data_type FROM gpkg_contents",
            "SELECT feature_count FROM gpkg_ogr_contents",
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name",
            "SELECT table_name, column_name, extension_name FROM gpkg_extensions",
            "SELECT count(*) FROM rtree_samples_geom",
        ];
        foreach (var sql in catalogue)
            Assert.Equal(Query(ogr, sql), Query(bulk, sql));
        output.WriteLine(Query(bulk, catalogue[0]));
        Assert.Equal("ok", Query(bulk, "SELECT rtreecheck('rtree_samples_geom')"));
        Assert.Equal("500", Query(bulk, "SELECT feature_count FROM gpkg_ogr_contents"));
    }

    [Fact]
    public void ManyPoints_RtreeIsValidAndAnswersWindowsLikeABruteForceScan()
    {
        string path = _files.PathOf("many.gpkg");
        var layer = Layer(30_000, 2, columns: true);
        Assert.True(GpkgBulkPointWriter.CanWrite(layer));
        OgrVectorWriter.WriteGeoPackage(path, "samples", layer);
        Assert.Equal("ok", Query(path, "SELECT rtreecheck('rtree_samples_geom')"));
        int depth = Convert.ToInt32(Query(path, "SELECT hex(substr(data, 1, 2)) FROM rtree_samples_geom_node WHERE nodeno = 1"), 16);
        Assert.True(depth >= 2, $"30,000 points should need an R-tree of depth 2 or more, got {depth}");
        var random = new Random(3);
        for (int w = 0; w < 20; w++)
        {
            double x0 = -180 + random.NextDouble() * 300, y0 = -80 + random.NextDouble() * 120;
            double x1 = x0 + random.NextDouble() * 60, y1 = y0 + random.NextDouble() * 40;
            int expected = layer.Features.Count(f => Inside(f.Geometry!.Coordinate, x0, y0, x1, y1));
            var found = new HashSet<long>();
            using (var db = SqliteDb.Open(path))
            using (var query = db.Prepare($"SELECT id FROM rtree_samples_geom WHERE minx <= {x1:R} AND maxx >= {x0:R} AND miny <= {y1:R} AND maxy >= {y0:R}"))
            {
                while (query.Step())
                    found.Add(query.Int64(0));
            }
            // Bounds are float32 rounded outwards: the index may list a point just outside, never miss one inside.
            var inside = found.Where(fid => Inside(layer.Features[(int)fid - 1].Geometry!.Coordinate, x0, y0, x1, y1)).Count();
            Assert.Equal(expected, inside);
        }
        var back = OgrVectorReader.Read(path);
        Assert.Equal(30_000, back.Features.Count);
        output.WriteLine($"30,000 points, R-tree depth {depth}, {Query(path, "SELECT count(*) FROM rtree_samples_geom_node")} nodes");
    }

    [Fact]
    public void LargeLayer_GetsLargePages_SmallLayerTheDefault()
    {
        string large = _files.PathOf("large.gpkg"), small = _files.PathOf("small.gpkg");
        var layer = Layer(170_000, 4, columns: true); // 170,000 x (5 fields + geometry) cells: over LargePageCells
        OgrVectorWriter.WriteGeoPackage(large, "samples", layer);
        OgrVectorWriter.WriteGeoPackage(small, "samples", Layer(500, 5, columns: true));
        Assert.Equal(GpkgBulkPointWriter.LargePageBytes.ToString(), Query(large, "PRAGMA page_size"));
        Assert.Equal("4096", Query(small, "PRAGMA page_size"));
        Assert.Equal("ok", Query(large, "SELECT rtreecheck('rtree_samples_geom')"));
        Assert.Equal("ok", Query(large, "PRAGMA integrity_check"));
        Assert.Null(ThreadConfigOption.Current("OGR_SQLITE_PRAGMA")); // the page size option was set for the write only
        var back = OgrVectorReader.Read(large);
        Assert.Equal(170_000, back.Features.Count);
        Assert.Equal(layer.Features[169_999].Attributes["sample_id"], back.Features[169_999].Attributes["sample_id"]);
        output.WriteLine($"large: {new FileInfo(large).Length / 1e6:F1} MB, small: {new FileInfo(small).Length / 1e3:F0} kB");
    }

    [Theory]
    [InlineData(700, 0)]      // 4 KiB pages, one range
    [InlineData(170_000, 0)]  // 64 KiB pages, several ranges on the thread pool
    [InlineData(700, 4500)]   // a 9,000-byte text does not fit a 4 KiB page: SQLite inserts instead
    public void WrittenAsPages_ReadsBackLikeSqliteInserts(int count, int longText)
    {
        var layer = Layer(count, 8, columns: true);
        if (longText > 0)
            layer.Columns!.Texts(1)![count / 2] = new string('é', longText);
        string pages = _files.PathOf("pages.gpkg"), inserts = _files.PathOf("inserts.gpkg");
        Assert.Equal(longText > 0 ? 0 : 1, OgrVectorWriter.WriteDataset(pages, "GPKG", [layer], pages));
        Assert.Equal(0, OgrVectorWriter.WriteDataset(inserts, "GPKG", [layer], inserts, pages: false));

        Assert.Equal("ok", Query(pages, "PRAGMA integrity_check"));
        Assert.Equal("ok", Query(pages, "SELECT rtreecheck('rtree_samples_geom')"));
        string[] same =
        [
            "SELECT fid, hex(geom), longitude, sample_id, dupal, georoc_id, sio2, typeof(dupal), typeof(sio2) FROM samples ORDER BY fid",
            "SELECT * FROM rtree_samples_geom ORDER BY id",
            "SELECT * FROM sqlite_sequence",
            "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents",
            "SELECT feature_count FROM gpkg_ogr_contents",
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name",
        ];
        foreach (var sql in same)
            Assert.Equal(Query(inserts, sql), Query(pages, sql));
        output.WriteLine($"{count} features: {new FileInfo(pages).Length / 1e6:F1} MB as pages, {new FileInfo(inserts).Length / 1e6:F1} MB by inserts");
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
