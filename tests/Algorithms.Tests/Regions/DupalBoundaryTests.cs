using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Regions;
using Xunit.Abstractions;

namespace GisBridge.Algorithms.Tests.Regions;

public class DupalBoundaryTests(ITestOutputHelper output)
{
    [Fact]
    public void SeirBoundaryFallsAtTheAustralianAntarcticDiscordance()
    {
        var seir = GaleTestData.Ridge("SEIR");
        var result = DupalBoundary.Detect(seir, new DupalBoundaryOptions
        {
            ChangePoints = new ChangePointOptions { Permutations = 499, BootstrapReplicates = 300 },
        });
        foreach (var p in result.Points)
            output.WriteLine($"{p.Group}: change at {p.Longitude:F2}E ({p.LowerLongitude:F2}..{p.UpperLongitude:F2}), " +
                $"p={p.Change.PValue:F3}, D8/4 {p.Change.MeanBefore:F1} -> {p.Change.MeanAfter:F1}, crosses 40: {p.CrossesThreshold}");
        var crossing = result.Points.Where(p => p.CrossesThreshold).ToArray();
        var aad = Assert.Single(crossing, p => p.Longitude is > 115 and < 140);
        Assert.InRange(aad.Longitude, 120, 130); // published ~127E (Pyle et al. 1992; Christie et al. 2004)
        Assert.True(aad.Change.MeanBefore > 40 && aad.Change.MeanAfter < 40, "Indian-type (Dupal) to the west, Pacific-type to the east");
        Assert.InRange(aad.LowerLongitude, 115, aad.Longitude);
        Assert.InRange(aad.UpperLongitude, aad.Longitude, 135);
        Assert.Contains(result.Segments, s => s.AboveThreshold == false && s.Line.Coordinates.Any(c => c.X > 130));
    }

    [Fact]
    public void BoundariesOfSeveralGroupsAreConnectedIntoALine()
    {
        // Two synthetic ridges, each with a step of the index across 40 at a known longitude.
        var rows = new List<(string G, double Lon, double Lat, double V)>();
        var r = new Random(5);
        foreach (var (g, lat, step) in new[] { ("north", -40.0, 100.0), ("south", -50.0, 104.0) })
            for (int i = 0; i < 40; i++)
            {
                double lon = 90 + 0.5 * i;
                rows.Add((g, lon, lat, (lon < step ? 60 : 20) + 3 * SyntheticData.Gaussian(r)));
            }
        var t = new SampleTable(rows.Count);
        t.SetText("ridge", rows.Select(x => (string?)x.G).ToArray());
        t.SetNumeric(SampleTable.Longitude, rows.Select(x => x.Lon).ToArray());
        t.SetNumeric(SampleTable.Latitude, rows.Select(x => x.Lat).ToArray());
        t.SetNumeric("delta_8_4", rows.Select(x => x.V).ToArray());
        var result = DupalBoundary.Detect(t, new DupalBoundaryOptions
        {
            GroupField = "ridge",
            ChangePoints = new ChangePointOptions { Permutations = 199, BootstrapReplicates = 100 },
        });
        Assert.Equal(2, result.Points.Count(p => p.CrossesThreshold));
        Assert.Equal(99.75, result.Points.Single(p => p.Group == "north").Longitude, 0.6);
        Assert.Equal(103.75, result.Points.Single(p => p.Group == "south").Longitude, 0.6);
        Assert.NotNull(result.BoundaryLine);
        Assert.Equal(2, result.BoundaryLine!.NumPoints);
        Assert.Equal(4, result.Segments.Count);
    }

    [Fact]
    public void RidgeAcrossTheAntimeridianIsOrderedContinuously()
    {
        var lon = Enumerable.Range(0, 30).Select(i => 170 + i * 0.7).Select(v => v > 180 ? v - 360 : v).ToArray();
        var t = new SampleTable(30);
        t.SetNumeric(SampleTable.Longitude, lon);
        t.SetNumeric(SampleTable.Latitude, Enumerable.Repeat(-10.0, 30).ToArray());
        t.SetNumeric("delta_8_4", Enumerable.Range(0, 30).Select(i => i < 15 ? 60.0 + i % 3 : 10.0 + i % 3).ToArray());
        var result = DupalBoundary.Detect(t, new DupalBoundaryOptions { ChangePoints = new ChangePointOptions { Permutations = 199, BootstrapReplicates = 100 } });
        var p = Assert.Single(result.Points);
        Assert.Equal(15, p.Change.Index);
        Assert.Equal(-179.85, p.Longitude, 0.01); // between 179.8 and -179.5
    }

    [Fact]
    public void ProfileDataIsOrderedPerRidge()
    {
        var t = GaleTestData.Table;
        var profile = RidgeProfileData.Build(t, ["delta_8_4", "delta_7_4"], "ridge", RidgeOrder.Longitude);
        var seir = profile.Series.Single(s => s.Group == "SEIR");
        output.WriteLine($"{profile.Series.Count} ridges; SEIR {seir.Samples.Count} samples with D8/4 or D7/4");
        Assert.True(seir.Samples.Count > 80);
        Assert.True(seir.Samples.Zip(seir.Samples.Skip(1)).All(p => p.First.Position <= p.Second.Position));
        var along = RidgeProfileData.Build(GaleTestData.Ridge("SEIR"), ["delta_8_4"], null, RidgeOrder.AlongRidge);
        var s = along.Series.Single().Samples;
        Assert.True(s[^1].Position > 4000, $"SEIR spans thousands of km (got {s[^1].Position:F0})");
        Assert.True(s[0].Longitude < s[^1].Longitude, "along-ridge distance increases eastwards");
    }

    [Fact]
    public void MissingIndexColumnIsNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => DupalBoundary.Detect(GaleTestData.Ridge("SEIR"), new DupalBoundaryOptions { Index = "delta_9_9" }));
        Assert.Contains("delta_9_9", e.Message);
    }
}
