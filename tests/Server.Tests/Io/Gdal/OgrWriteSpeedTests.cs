using System.Diagnostics;
using GisBridge.Server.Io.Gdal;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace GisBridge.Server.Tests.Io.Gdal;

/// <summary>Runs alone (no parallel tests) so that the process CPU time measures this write only.</summary>
[CollectionDefinition(nameof(OgrWriteSpeedTests), DisableParallelization = true)]
public sealed class OgrWriteSpeedCollection;

[Collection(nameof(OgrWriteSpeedTests))]
public sealed class OgrWriteSpeedTests(ITestOutputHelper output) : IDisposable
{
    private readonly GdalTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void GeoPackage_HundredThousandPoints_WriteInAboutASecond()
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
        OgrVectorWriter.WriteGeoPackage(_files.PathOf("warmup.gpkg"), "points", new VectorLayer("points", "", layer.Fields, features[..100]));

        string path = _files.PathOf("many.gpkg");
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        OgrVectorWriter.WriteGeoPackage(path, "points", layer);
        double wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        output.WriteLine($"100,000 points: {wall:F2} s wall, {cpu:F2} s CPU, {new FileInfo(path).Length / 1e6:F1} MB, " +
            $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
        // CPU time rather than wall time: the shared test machine can be many times oversubscribed. Measured here:
        // about 2.2 s CPU under a load of 15 on 2 cores, the same as ogr2ogr converting those points from CSV.
        Assert.True(cpu < 5, $"writing 100,000 points used {cpu:F1} s of CPU");

        var back = OgrVectorReader.Read(path);
        Assert.Equal(100_000, back.Features.Count);
        Assert.Equal(99_999, back.Features[^1].Attributes["id"]);
        Assert.Equal(((Point)features[5].Geometry!).Coordinate, back.Features[5].Geometry!.Coordinate);
    }
}
