using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;
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

    /// <summary>Runs a job on the given input files in this folder and copies its file outputs out of the work
    /// folder (named out-ROLE.ext) before the context removes it; the result message goes to the test output.</summary>
    public (JobOutputs Outputs, Dictionary<string, string> Files) Run<T>(IJob<T> job, T options, ITestOutputHelper output,
        IEnumerable<(string Name, string Path)> files)
    {
        var inputs = new JobInputs();
        foreach (var (name, path) in files) inputs.AddFile(new InputFile(name, System.IO.Path.GetFileName(path), path));
        var outputs = new JobOutputs();
        using var ctx = new JobContext(CancellationToken.None, _ => { }, Folder);
        job.Run(options, inputs, outputs, ctx);
        var kept = new Dictionary<string, string>();
        foreach (var f in outputs.Items.OfType<FileOutput>())
        {
            var target = PathOf("out-" + f.Name + System.IO.Path.GetExtension(f.FileName));
            File.Copy(f.Path, target, overwrite: true);
            kept[f.Name] = target;
        }
        output.WriteLine(outputs.Result.Message);
        return (outputs, kept);
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
