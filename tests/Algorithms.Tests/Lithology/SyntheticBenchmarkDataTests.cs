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
    public void ForwardModelOfABlockMatchesThePrismClosedForm()
    {
        // A 12 x 8 km block of +400 kg/m3 from 0 to 3 km depth (cells of 500 m) seen from 1 km above: the vertical
        // attraction of a right rectangular prism (Nagy 1966) at the centre, over an edge and 4 km outside.
        int n = 96;
        double cell = 500, h = 1000, depth = 3000, rho = 400;
        var density = new float[n * n];
        for (int y = 40; y < 56; y++) for (int x = 36; x < 60; x++) density[y * n + x] = (float)rho;
        var g = DensityForwardModel.BouguerAnomaly(density, new float[n * n], 0, n, n, cell, depth, observationHeight: h);
        foreach (var (col, row) in new[] { (48, 48), (36, 48), (68, 48) })
        {
            // Cell centres: the prism spans x in [36, 60) cells, y in [40, 56) cells.
            double px = (col + 0.5) * cell, py = (row + 0.5) * cell;
            double prism = Prism(36 * cell - px, 60 * cell - px, 40 * cell - py, 56 * cell - py, h, h + depth, rho);
            output.WriteLine($"cell ({col}, {row}): FFT {g[row * n + col]:F4} mGal, prism {prism:F4} mGal");
            Assert.InRange(g[row * n + col], prism - 0.02 * Math.Abs(prism) - 0.05, prism + 0.02 * Math.Abs(prism) + 0.05);
        }
    }

    /// <summary>Vertical attraction (mGal) of a prism [x1,x2] x [y1,y2] x [z1,z2] (z down, observer at the origin).</summary>
    private static double Prism(double x1, double x2, double y1, double y2, double z1, double z2, double rho)
    {
        double sum = 0;
        foreach (var (x, sx) in new[] { (x1, -1), (x2, 1) })
            foreach (var (y, sy) in new[] { (y1, -1), (y2, 1) })
                foreach (var (z, sz) in new[] { (z1, -1), (z2, 1) })
                {
                    double r = Math.Sqrt(x * x + y * y + z * z);
                    sum += sx * sy * sz * (z * Math.Atan(x * y / (z * r)) - x * Math.Log(y + r) - y * Math.Log(x + r));
                }
        return DensityForwardModel.GravitationalConstant * rho * sum * 1e5;
    }

    [Fact]
    public void ForwardModelAndGeneratorStopWhenCancelled()
    {
        // One large tile is minutes of work: the cancellation is looked at inside the tile, not only between tiles.
        const int n = 64;
        var rho = Enumerable.Repeat(300f, n * n).ToArray();
        var cover = Enumerable.Repeat(500f, n * n).ToArray();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            DensityForwardModel.BouguerAnomaly(rho, cover, -300, n, n, 1000, 5000, cancellation: cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => SyntheticDataset.GenerateTile(Small, 0, cancelled.Token));
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
