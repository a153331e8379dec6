using GisBridge.Server.Io.Gdal;
using NetTopologySuite.Geometries;

namespace GisBridge.Server.Tests.Io.Gdal;

/// <summary>A layer of the indices' size (100,000 points) written and read back whole. Its speed is a benchmark's
/// job (bench/scripts/geochem_vs_ogr2ogr.sh), not a test's: a CPU-time bound here failed on a loaded machine.</summary>
public sealed class OgrLargeLayerTests : IDisposable
{
    private readonly GdalTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void GeoPackage_HundredThousandPoints_ReadBackComplete()
    {
        var factory = new GeometryFactory();
        var random = new Random(7);
        var features = new VectorFeature[100_000];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = new VectorFeature(factory.CreatePoint(new Coordinate(60 + random.NextDouble() * 40, -50 + random.NextDouble() * 40)),
                new Dictionary<string, object?> { ["id"] = i, ["value"] = random.NextDouble() });
        }
        var layer = new VectorLayer("points", "", [new("id", VectorFieldType.Integer), new("value", VectorFieldType.Real)], features);

        string path = _files.PathOf("many.gpkg");
        OgrVectorWriter.WriteGeoPackage(path, "points", layer);

        var back = OgrVectorReader.Read(path);
        Assert.Equal(100_000, back.Features.Count);
        Assert.Equal(99_999, back.Features[^1].Attributes["id"]);
        Assert.Equal(((Point)features[5].Geometry!).Coordinate, back.Features[5].Geometry!.Coordinate);
        Assert.Equal((double)features[99_998].Attributes["value"]!, (double)back.Features[99_998].Attributes["value"]!);
    }
}
