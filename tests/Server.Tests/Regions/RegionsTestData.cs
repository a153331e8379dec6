using GisBridge.Server.Io.Gdal;
using NetTopologySuite.Geometries;

namespace GisBridge.Server.Tests.Regions;

/// <summary>A synthetic samples GeoPackage: two ridges ("west" and "east", field Province) with a Dupal step of
/// delta_8_4 at a known longitude, two geochemical groups, and a label.</summary>
internal sealed class RegionsTestData : IDisposable
{
    public RegionsTestData()
    {
        Folder = Path.Combine(Path.GetTempPath(), "gisbridge-regions-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        SamplesPath = Path.Combine(Folder, "samples.gpkg");
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var r = new Random(1);
        double G() => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
        var features = new List<VectorFeature>();
        foreach (var (ridge, lat, step) in new[] { ("west", -40.0, 100.0), ("east", -50.0, 110.0) })
            for (int i = 0; i < 60; i++)
            {
                double lon = 85 + 0.5 * i;
                bool dupal = lon < step;
                features.Add(new VectorFeature(factory.CreatePoint(new Coordinate(lon, lat)), new Dictionary<string, object?>
                {
                    ["Province"] = ridge,
                    ["delta_8_4"] = (dupal ? 60 : 15) + 3 * G(),
                    ["delta_sr"] = (dupal ? 40 : 20) + 2 * G(),
                    ["la_sm"] = (dupal ? 1.5 : 0.8) * Math.Exp(0.1 * G()),
                    ["dupal"] = dupal ? 1 : 0,
                }));
            }
        var layer = new VectorLayer("samples", "EPSG:4326",
            [new VectorField("Province", VectorFieldType.String), new VectorField("delta_8_4", VectorFieldType.Real),
             new VectorField("delta_sr", VectorFieldType.Real), new VectorField("la_sm", VectorFieldType.Real),
             new VectorField("dupal", VectorFieldType.Integer)], features);
        OgrVectorWriter.WriteGeoPackage(SamplesPath, "samples", layer);
    }

    public string Folder { get; }
    public string SamplesPath { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
