using GisBridge.Algorithms.Common;
using GisBridge.Server.Geochemistry;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Regions;
using GisBridge.Server.Tests.Io.Gdal;

namespace GisBridge.Server.Tests.Geochemistry;

/// <summary>
/// The one sample-table-to-layer converter: each field has one type whichever job writes it (the Dupal flag is an
/// Integer 0/1 in the indices output and in the regions outputs read back from it), NaN is NULL, and rows or tables
/// without a location get no geometry.
/// </summary>
public sealed class SampleTableLayerTests : IDisposable
{
    private readonly GdalTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static SampleTable Table(bool located)
    {
        var t = new SampleTable(3);
        if (located)
        {
            t.SetNumeric(SampleTable.Longitude, [70.5, double.NaN, 110.25]);
            t.SetNumeric(SampleTable.Latitude, [-45.0, -30.0, -50.5]);
        }
        t.SetNumeric("dupal", [1, 0, double.NaN]);
        t.SetNumeric("delta_8_4", [62.5, 12.0, double.NaN]);
        t.SetText("sample_id", ["A", null, "C"]);
        return t;
    }

    [Fact]
    public void DupalIsAnInteger01Flag_InTheIndicesLayer_AndAfterARegionsRoundTrip()
    {
        string first = _files.PathOf("indices.gpkg"), second = _files.PathOf("regions.gpkg");
        OgrVectorWriter.WriteGeoPackage(first, "samples", SampleTableLayer.ToLayer(Table(located: true), "samples"));
        // The regions jobs read the indices output back and write it again with their own columns.
        var reread = SampleTableIo.Read(first, "samples");
        reread.SetNumeric("cluster", [0, 1, 1]);
        OgrVectorWriter.WriteGeoPackage(second, "samples", SampleTableLayer.ToLayer(reread, "samples"));
        foreach (var path in new[] { first, second })
        {
            var layer = OgrVectorReader.Read(path);
            Assert.Equal(VectorFieldType.Integer, layer.Field("dupal")!.Type);
            Assert.Equal(VectorFieldType.Real, layer.Field("delta_8_4")!.Type);
            Assert.Equal(VectorFieldType.String, layer.Field("sample_id")!.Type);
            Assert.Equal(["longitude", "latitude"], layer.Fields.Take(2).Select(f => f.Name));
            Assert.Equal(1, layer.Features[0].Attributes["dupal"]);
            Assert.Equal(0, layer.Features[1].Attributes["dupal"]);
            Assert.Null(layer.Features[2].Attributes.GetValueOrDefault("dupal"));
            Assert.Null(layer.Features[1].Attributes.GetValueOrDefault("sample_id"));
            Assert.Equal(110.25, layer.Features[2].Geometry!.Coordinate.X);
            Assert.Null(layer.Features[1].Geometry); // no longitude: no geometry, not a point at NaN
        }
        Assert.Equal("integer|real", GdalTestFiles.Query(second, "SELECT typeof(dupal), typeof(delta_8_4) FROM samples WHERE fid = 1").ToLowerInvariant());
    }

    [Fact]
    public void TableWithoutLocation_BecomesALayerWithoutGeometry()
    {
        var layer = SampleTableLayer.ToLayer(Table(located: false), "samples");
        Assert.All(layer.Features, f => Assert.Null(f.Geometry));
        string path = _files.PathOf("plain.gpkg");
        OgrVectorWriter.WriteGeoPackage(path, "samples", layer);
        var back = OgrVectorReader.Read(path);
        Assert.Equal(3, back.Features.Count);
        Assert.Equal(VectorFieldType.Integer, back.Field("dupal")!.Type);
        Assert.All(back.Features, f => Assert.Null(f.Geometry));
    }
}
