using GisBridge.Algorithms.Lithology.Synthetic;
using Xunit.Abstractions;

namespace GisBridge.Algorithms.Tests.Lithology;

public class SyntheticBenchmarkDataTests(ITestOutputHelper output)
{
    private static readonly SyntheticGravityOptions Small = new() { Tiles = 4, Size = 32, Classes = 5, Seed = 42 };

    [Fact]
    public void GeneratorIsDeterministicBySeed()
    {
        var a = SyntheticDataset.Generate(Small);
        var b = SyntheticDataset.Generate(Small);
        var c = SyntheticDataset.Generate(Small with { Seed = 43 });
        Assert.Equal(a.ContentHash(), b.ContentHash());
        Assert.NotEqual(a.ContentHash(), c.ContentHash());
        Assert.Equal(a.Split!.Train, b.Split!.Train);
        Assert.Equal(3, a.Channels);
        Assert.Equal(5, a.Classes.Count);
        Assert.Equal("Granite", a.Classes[0].Name);
    }

    [Fact]
    public void TilesAreValidAndSplitIsAPartition()
    {
        var d = SyntheticDataset.Generate(Small with { Tiles = 10 });
        foreach (var t in d.Tiles)
        {
            Assert.All(t.Labels, l => Assert.True(l < 5));
            Assert.All(t.Bands, b => Assert.All(b, v => Assert.True(float.IsFinite(v))));
            Assert.True(t.Labels.Distinct().Count() >= 2, $"{t.Name} has a single unit");
        }
        var all = d.Split!.Train.Concat(d.Split.Val).Concat(d.Split.Test).ToList();
        Assert.Equal(10, all.Distinct().Count());
        Assert.Equal(2, d.Split.Test.Count);
        Assert.Equal(2, d.Split.Val.Count);
        output.WriteLine($"residual range of tile 0: {d.Tiles[0].Bands[0].Min():F2} .. {d.Tiles[0].Bands[0].Max():F2} mGal");
    }

    [Fact]
    public void ForwardModelOfABroadSlabApproachesTheBouguerSlab()
    {
        // 128 x 128 cells of 1 km, uniform +300 kg/m3 from 0 to 2 km, no cover: the centre sees nearly an
        // infinite slab 2 pi G rho t = 25.16 mGal (less the missing far mass, a few %).
        int n = 128;
        var rho = Enumerable.Repeat(300f, n * n).ToArray();
        var cover = new float[n * n];
        var g = DensityForwardModel.BouguerAnomaly(rho, cover, 0, n, n, 1000, 2000);
        double slab = 2 * Math.PI * DensityForwardModel.GravitationalConstant * 300 * 2000 * 1e5;
        double centre = g[n / 2 * n + n / 2], corner = g[0];
        output.WriteLine($"slab {slab:F3} mGal, centre {centre:F3}, corner {corner:F3}");
        Assert.InRange(centre / slab, 0.93, 1.0);
        Assert.InRange(corner / centre, 0.25, 0.6); // exactly at a corner of a half-space slab: a quarter; 0.5 km inside: more
    }

    [Fact]
    public void ThickerLightCoverLowersGravity()
    {
        int n = 64;
        var rho = new float[n * n];
        var thin = Enumerable.Repeat(100f, n * n).ToArray();
        var thick = Enumerable.Repeat(100f, n * n).ToArray();
        for (int y = 24; y < 40; y++) for (int x = 24; x < 40; x++) thick[y * n + x] = 1500f;
        var g0 = DensityForwardModel.BouguerAnomaly(rho, thin, -300, n, n, 1000, 5000);
        var g1 = DensityForwardModel.BouguerAnomaly(rho, thick, -300, n, n, 1000, 5000);
        Assert.True(g1[32 * n + 32] < g0[32 * n + 32] - 5, $"{g1[32 * n + 32]} vs {g0[32 * n + 32]}");
    }

    [Fact]
    public void ResidualRemovesAPlane()
    {
        int n = 32;
        var plane = Enumerable.Range(0, n * n).Select(i => 3.0 + 0.1 * (i % n)).ToArray();
        var residual = PotentialFieldFilters.Residual(plane, n, n, 1000, 10000);
        // A plane is harmonic: continuing it upward leaves it unchanged, so its residual is zero.
        Assert.InRange(residual[16 * n + 16], -0.3, 0.3);
    }

    [Fact]
    public void BadOptionsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => SyntheticDataset.Generate(Small with { Classes = 11 }));
        Assert.Throws<ArgumentException>(() => SyntheticDataset.Generate(Small with { Tiles = 0 }));
        Assert.Throws<ArgumentException>(() => SyntheticDataset.Generate(Small with { CoverMax = 9000 }));
    }
}
