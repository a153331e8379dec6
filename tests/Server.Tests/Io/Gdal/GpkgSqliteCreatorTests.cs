using GisBridge.Server.Io.Gdal;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

using static GisBridge.Server.Tests.Io.Gdal.GdalTestFiles;

namespace GisBridge.Server.Tests.Io.Gdal;

/// <summary>
/// A GeoPackage created through SQLite alone must be the one GDAL creates: same tables, triggers, spatial
/// reference systems and metadata rows, same features read back through OGR, a valid R-tree.
/// </summary>
public sealed class GpkgSqliteCreatorTests(ITestOutputHelper output) : IDisposable
{
    private static readonly GeometryFactory Factory = new();
    private readonly GdalTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static VectorLayer Layer(int count, string crs = "EPSG:4326", string textField = "sample_id")
    {
        VectorField[] fields = [new("longitude", VectorFieldType.Real), new(textField, VectorFieldType.String),
            new("dupal", VectorFieldType.Integer), new("georoc_id", VectorFieldType.Integer64)];
        var random = new Random(11);
        var x = new double[count];
        var y = new double[count];
        var text = new string?[count];
        var flag = new double[count];
        var big = new double[count];
        var features = new VectorFeature[count];
        for (int i = 0; i < count; i++)
        {
            (x[i], y[i]) = (Math.Round(-180 + 360 * random.NextDouble(), 4), Math.Round(-80 + 160 * random.NextDouble(), 4));
            text[i] = i % 9 == 4 ? null : $"S-{i} Fe³⁺ 'q'";
            flag[i] = i % 5 == 0 ? double.NaN : i % 2;
            big[i] = 6_000_000_000d + i;
            features[i] = new VectorFeature(Factory.CreatePoint(new Coordinate(x[i], y[i])), new Dictionary<string, object?>
            {
                ["longitude"] = x[i], [textField] = text[i], ["dupal"] = double.IsNaN(flag[i]) ? null : (int)flag[i], ["georoc_id"] = (long)big[i],
            });
        }
        return new VectorLayer("samples", crs, fields, features, new VectorColumns([x, text, flag, big], x, y));
    }

    [Theory]
    [InlineData(800)]
    [InlineData(170_000)] // large pages
    public void CreatedWithoutGdal_IsTheFileGdalCreates(int count)
    {
        var layer = Layer(count);
        Assert.True(GpkgSqliteCreator.CanCreate(layer));
        string direct = _files.PathOf("direct.gpkg"), gdal = _files.PathOf("gdal.gpkg");
        OgrVectorWriter.WriteGeoPackage(direct, "samples", layer); // SQLite only
        GdalLibrary.EnsureInitialized();
        OgrVectorWriter.WriteDataset(gdal, "GPKG", [layer], gdal); // GDAL creates, the same bulk writer fills

        Assert.Equal("ok", Query(direct, "PRAGMA integrity_check"));
        Assert.Equal("ok", Query(direct, "SELECT rtreecheck('rtree_samples_geom')"));
        string[] same =
        [
            "PRAGMA application_id", "PRAGMA user_version", "PRAGMA page_size",
            "SELECT * FROM gpkg_spatial_ref_sys ORDER BY srs_id",
            "SELECT table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id FROM gpkg_contents",
            "SELECT * FROM gpkg_geometry_columns", "SELECT * FROM gpkg_ogr_contents", "SELECT * FROM gpkg_extensions",
            "SELECT * FROM sqlite_sequence", "SELECT count(*), sum(dupal), max(georoc_id) FROM samples",
            "SELECT * FROM rtree_samples_geom ORDER BY id LIMIT 50",
        ];
        foreach (var sql in same)
            Assert.Equal(Query(gdal, sql), Query(direct, sql));
        // GDAL 3.6 (this machine's) words every table and trigger exactly so; other versions may word them their way.
        if (GdalLibrary.Version.StartsWith("3.6", StringComparison.Ordinal))
            Assert.Equal(Query(gdal, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"),
                Query(direct, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", Query(direct, "SELECT last_change FROM gpkg_contents"));

        var a = OgrVectorReader.Read(direct);
        var b = OgrVectorReader.Read(gdal);
        Assert.Equal(b.CrsWkt, a.CrsWkt);
        Assert.Equal(b.Fields.Select(f => (f.Name, f.Type)), a.Fields.Select(f => (f.Name, f.Type)));
        for (int i = 0; i < a.Features.Count; i += Math.Max(1, count / 500))
        {
            Assert.Equal(b.Features[i].Geometry!.Coordinate, a.Features[i].Geometry!.Coordinate);
            Assert.Equal(b.Features[i].Attributes, a.Features[i].Attributes);
        }
        output.WriteLine($"{count} features, {new FileInfo(direct).Length / 1e6:F1} MB, GDAL {GdalLibrary.Version}");
    }

    [Fact]
    public void LayersGdalMustCreate_AreLeftToIt()
    {
        Assert.False(GpkgSqliteCreator.CanCreate(Layer(5, crs: GdalTestFiles.Wkt("EPSG:32743")))); // other CRS
        Assert.False(GpkgSqliteCreator.CanCreate(Layer(5, textField: "FID")));   // GDAL's own column names
        Assert.False(GpkgSqliteCreator.CanCreate(Layer(5, textField: "geom")));
        Assert.True(GpkgSqliteCreator.CanCreate(Layer(5, crs: "")));

        // And they are still written, by GDAL.
        string path = _files.PathOf("utm.gpkg");
        OgrVectorWriter.WriteGeoPackage(path, "samples", Layer(50, crs: GdalTestFiles.Wkt("EPSG:32743")));
        Assert.Equal("32743", Query(path, "SELECT srs_id FROM gpkg_geometry_columns"));
        Assert.Equal("50", Query(path, "SELECT count(*) FROM samples"));
    }
}
