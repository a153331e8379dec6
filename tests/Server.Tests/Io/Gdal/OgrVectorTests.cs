using GisBridge.Server.Io.Gdal;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace GisBridge.Server.Tests.Io.Gdal;

public sealed class OgrVectorTests(ITestOutputHelper output) : IDisposable
{
    private static readonly GeometryFactory Factory = new();
    private readonly GdalTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly VectorField[] SampleFields =
    [
        new("sample_id", VectorFieldType.String),
        new("n_analyses", VectorFieldType.Integer),
        new("georoc_id", VectorFieldType.Integer64),
        new("sio2_wt", VectorFieldType.Real),
        new("collected", VectorFieldType.Date),
        new("measured", VectorFieldType.DateTime),
    ];

    private static VectorFeature Sample(double x, double y, string id, int? n, long big, double? sio2) =>
        new(Factory.CreatePoint(new Coordinate(x, y)), new Dictionary<string, object?>
        {
            ["sample_id"] = id, ["n_analyses"] = n, ["georoc_id"] = big, ["sio2_wt"] = sio2,
            ["collected"] = new DateOnly(2013, 5, 17), ["measured"] = new DateTime(2014, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        });

    [Fact]
    public void GeoPackage_Points_RoundTripWithTypedAttributesAndCrs()
    {
        var layer = new VectorLayer("samples", GdalTestFiles.Wkt("EPSG:32743"), SampleFields,
        [
            Sample(512000.5, 4200000.25, "SWIR-1", 3, 5_000_000_000L, 50.12),
            Sample(513000, 4201000, "SWIR-2 (glass)", null, -1, null),
        ]);
        string path = _files.PathOf("samples.gpkg");
        OgrVectorWriter.WriteGeoPackage(path, "samples", layer);
        var back = OgrVectorReader.Read(path);

        Assert.Equal("samples", back.Name);
        Assert.Equal(SampleFields.Select(f => (f.Name, f.Type)), back.Fields.Select(f => (f.Name, f.Type)));
        Assert.Equal("EPSG:32743", GdalRasterReader.DescribeCrs(back.CrsWkt).Authority);
        Assert.Equal(2, back.Features.Count);
        var a = back.Features[0];
        Assert.Equal(new Coordinate(512000.5, 4200000.25), ((Point)a.Geometry!).Coordinate);
        Assert.Equal("SWIR-1", a.Attributes["sample_id"]);
        Assert.Equal(3, a.Attributes["n_analyses"]);
        Assert.Equal(5_000_000_000L, a.Attributes["georoc_id"]);
        Assert.Equal(50.12, a.Attributes["sio2_wt"]);
        Assert.Equal(new DateOnly(2013, 5, 17), a.Attributes["collected"]);
        Assert.Equal(new DateTime(2014, 1, 2, 3, 4, 5, DateTimeKind.Utc), a.Attributes["measured"]);
        var b = back.Features[1];
        Assert.Null(b.Attributes["n_analyses"]);
        Assert.Null(b.Attributes["sio2_wt"]);
        Assert.Equal("SWIR-2 (glass)", b.Attributes["SAMPLE_ID"]); // field names are case-insensitive
        Assert.Equal(["samples"], Directory.GetFiles(_files.Folder).Select(f => Path.GetFileNameWithoutExtension(f)));
    }

    [Fact]
    public void GeoPackage_PolygonsAndMultiPolygons_BecomeOneMultiPolygonLayer()
    {
        var shell = Factory.CreateLinearRing([new(0, 0), new(10, 0), new(10, 10), new(0, 10), new(0, 0)]);
        var hole = Factory.CreateLinearRing([new(2, 2), new(2, 4), new(4, 4), new(4, 2), new(2, 2)]);
        var withHole = Factory.CreatePolygon(shell, [hole]);
        var square = (Polygon)Factory.ToGeometry(new Envelope(20, 21, 0, 1));
        var multi = Factory.CreateMultiPolygon([square, (Polygon)Factory.ToGeometry(new Envelope(30, 32, 0, 2))]);
        var layer = new VectorLayer("regions", "", [new VectorField("cluster", VectorFieldType.Integer)],
        [
            new VectorFeature(withHole, new Dictionary<string, object?> { ["cluster"] = 1 }),
            new VectorFeature(multi, new Dictionary<string, object?> { ["cluster"] = 2 }),
        ]);
        string path = _files.PathOf("regions.gpkg");
        OgrVectorWriter.WriteGeoPackage(path, [layer]);
        var back = OgrVectorReader.Read(path, "regions");
        Assert.All(back.Features, f => Assert.IsType<MultiPolygon>(f.Geometry));
        Assert.Equal(96, back.Features[0].Geometry!.Area, 9);
        Assert.Equal(5, back.Features[1].Geometry!.Area, 9);
        Assert.Equal(Algorithms.Common.CrsKind.Geographic, CrsKindOf(back)); // EPSG:4326 by default
    }

    private static Algorithms.Common.CrsKind CrsKindOf(VectorLayer layer) => GdalRasterReader.DescribeCrs(layer.CrsWkt).Kind;

    [Fact]
    public void GeoPackage_SeveralLayersInOneFile()
    {
        var points = new VectorLayer("anomalies", "", [], [new VectorFeature(Factory.CreatePoint(new Coordinate(70, -45)), new Dictionary<string, object?>())]);
        var lines = new VectorLayer("profiles", "", [new VectorField("name", VectorFieldType.String)],
            [new VectorFeature(Factory.CreateLineString([new(70, -45), new(71, -46)]), new Dictionary<string, object?> { ["name"] = "P1" })]);
        string path = _files.PathOf("both.gpkg");
        OgrVectorWriter.WriteGeoPackage(path, [points, lines]);
        Assert.Equal(["anomalies", "profiles"], OgrVectorReader.LayerNames(path));
        Assert.IsType<LineString>(OgrVectorReader.Read(path, "profiles").Features[0].Geometry);
        var e = Assert.Throws<GdalException>(() => OgrVectorReader.Read(path, "gravity"));
        Assert.Contains("anomalies, profiles", e.Message);
    }

    [Fact]
    public void GeoJson_IsRead()
    {
        string path = _files.PathOf("anomalies.geojson");
        File.WriteAllText(path, """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"name": "A1", "mgal": 12.5, "rank": 1},
               "geometry": {"type": "Point", "coordinates": [77.5, -38.7]}},
              {"type": "Feature", "properties": {"name": "A2", "mgal": -3.25, "rank": null},
               "geometry": {"type": "Polygon", "coordinates": [[[77,-39],[78,-39],[78,-38],[77,-39]]]}}
            ]}
            """);
        var layer = OgrVectorReader.Read(path);
        Assert.Equal([("name", VectorFieldType.String), ("mgal", VectorFieldType.Real), ("rank", VectorFieldType.Integer)],
            layer.Fields.Select(f => (f.Name, f.Type)));
        Assert.Equal(new Coordinate(77.5, -38.7), layer.Features[0].Geometry!.Coordinate);
        Assert.Equal(-3.25, layer.Features[1].Attributes["mgal"]);
        Assert.Null(layer.Features[1].Attributes["rank"]);
        Assert.Equal(0.5, layer.Features[1].Geometry!.Area, 9);
        Assert.Equal(Algorithms.Common.CrsKind.Geographic, CrsKindOf(layer));
    }

    [Fact]
    public void Shapefile_IsRead()
    {
        string path = _files.PathOf("stations.shp");
        var layer = new VectorLayer("stations", GdalTestFiles.Wkt("EPSG:32733"),
            [new("station", VectorFieldType.String), new("depth_m", VectorFieldType.Real), new("line", VectorFieldType.Integer)],
            [new VectorFeature(Factory.CreatePoint(new Coordinate(400000, 9000000)),
                new Dictionary<string, object?> { ["station"] = "S-07", ["depth_m"] = -4120.5, ["line"] = 12 })]);
        OgrVectorWriter.WriteDataset(path, "ESRI Shapefile", [layer], path);
        var back = OgrVectorReader.Read(path);
        output.WriteLine($"shapefile fields: {string.Join(", ", back.Fields)}");
        Assert.Equal("stations", back.Name);
        Assert.Equal("S-07", back.Features[0].Attributes["station"]);
        Assert.Equal(-4120.5, Convert.ToDouble(back.Features[0].Attributes["depth_m"]));
        Assert.Equal(12L, Convert.ToInt64(back.Features[0].Attributes["line"]));
        Assert.Equal(new Coordinate(400000, 9000000), back.Features[0].Geometry!.Coordinate);
        Assert.Equal(Algorithms.Common.CrsKind.Projected, CrsKindOf(back));
    }

    [Fact]
    public void Errors_NameTheFileFieldOrFeature()
    {
        var missing = Assert.Throws<GdalException>(() => OgrVectorReader.Read(_files.PathOf("none.gpkg")));
        Assert.Equal(GdalErrorKind.FileNotFound, missing.Kind);
        string text = _files.PathOf("readme.gpkg");
        File.WriteAllText(text, "not a geopackage");
        var notVector = Assert.Throws<GdalException>(() => OgrVectorReader.Read(text));
        output.WriteLine(notVector.Message);
        Assert.Equal(GdalErrorKind.NotSupported, notVector.Kind);
        Assert.Contains(text, notVector.Message);

        var unknownField = new VectorLayer("l", "", [new("a", VectorFieldType.Integer)],
            [new VectorFeature(null, new Dictionary<string, object?> { ["b"] = 1 })]);
        var e1 = Assert.Throws<ArgumentException>(() => OgrVectorWriter.WriteGeoPackage(_files.PathOf("x.gpkg"), [unknownField]));
        Assert.Contains("'b'", e1.Message);
        var wrongType = new VectorLayer("l", "", [new("a", VectorFieldType.Integer)],
            [new VectorFeature(null, new Dictionary<string, object?> { ["a"] = "basalt" })]);
        var e2 = Assert.Throws<ArgumentException>(() => OgrVectorWriter.WriteGeoPackage(_files.PathOf("x.gpkg"), [wrongType]));
        output.WriteLine(e2.Message);
        Assert.Contains("field 'a'", e2.Message);
        Assert.Equal(["readme.gpkg"], Directory.GetFiles(_files.Folder).Select(Path.GetFileName));
        var badCrs = new VectorLayer("l", "EPSG:999999", [], []);
        Assert.Throws<ArgumentException>(() => OgrVectorWriter.WriteGeoPackage(_files.PathOf("x.gpkg"), [badCrs]));
    }

    [Fact]
    public void IntegerOverflow_IsRefusedNotClamped()
    {
        var layer = new VectorLayer("l", "", [new VectorField("n", VectorFieldType.Integer)],
            [new VectorFeature(null, new Dictionary<string, object?> { ["n"] = 5_000_000_000L })]);
        string path = _files.PathOf("overflow.gpkg");
        var e = Assert.Throws<ArgumentException>(() => OgrVectorWriter.WriteGeoPackage(path, [layer]));
        Assert.Contains("field 'n'", e.Message);
        Assert.False(File.Exists(path));
    }
}
