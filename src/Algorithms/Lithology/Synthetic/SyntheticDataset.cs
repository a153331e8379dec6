using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Lithology.Data;

namespace GisBridge.Algorithms.Lithology.Synthetic;

/// <summary>Settings of the synthetic gravity benchmark (defaults documented per property).</summary>
public sealed record SyntheticGravityOptions
{
    public int Tiles { get; init; } = 40;
    /// <summary>Tile side in cells (default 256).</summary>
    public int Size { get; init; } = 256;
    /// <summary>Number of rock classes, 2..10 (default 6).</summary>
    public int Classes { get; init; } = 6;
    public int Seed { get; init; }
    /// <summary>Cell size in metres (default 1000).</summary>
    public double CellSize { get; init; } = 1000;
    /// <summary>Standard deviation of the Gaussian noise added to the anomaly, mGal (default 0.1).</summary>
    public double NoiseMgal { get; init; } = 0.1;
    /// <summary>Cover thickness range, metres (default 100-2000) and density (default 2400 kg/m³).</summary>
    public double CoverMin { get; init; } = 100;
    public double CoverMax { get; init; } = 2000;
    public double CoverDensity { get; init; } = 2400;
    /// <summary>Bottom of the bedrock layer, metres (default 6000).</summary>
    public double BaseDepth { get; init; } = 6000;
    /// <summary>Upward-continuation height of the regional field, metres (paper: 10 km).</summary>
    public double RegionalHeight { get; init; } = 10000;
    /// <summary>Adds the first vertical derivative and total horizontal gradient bands to the residual (3 bands).</summary>
    public bool IncludeDerivatives { get; init; } = true;

    public void Validate()
    {
        if (Tiles < 1) throw new ArgumentException($"tiles must be at least 1, got {Tiles}");
        if (Size is < 16 or > 4096) throw new ArgumentException($"size must be 16..4096, got {Size}");
        if (Classes < 2 || Classes > SyntheticGeology.Catalogue.Count)
            throw new ArgumentException($"classes must be 2..{SyntheticGeology.Catalogue.Count}, got {Classes}");
        if (!(CellSize > 0)) throw new ArgumentException($"cell size must be positive, got {CellSize}");
        if (NoiseMgal < 0) throw new ArgumentException($"noise must be >= 0, got {NoiseMgal}");
        if (CoverMin < 0 || CoverMax < CoverMin || CoverMax >= BaseDepth)
            throw new ArgumentException($"cover range {CoverMin}-{CoverMax} m must be ordered, >= 0 and above the base depth {BaseDepth} m");
        if (!(RegionalHeight > 0)) throw new ArgumentException($"regional height must be positive, got {RegionalHeight}");
    }
}

/// <summary>
/// The synthetic forward-model benchmark with known truth: per tile a random geological map (labels), a smooth
/// cover, the Bouguer anomaly of <see cref="DensityForwardModel"/> plus a regional trend (plane + a deep broad
/// source) and noise; the residual (anomaly minus its 10 km upward continuation) and optionally its derivatives
/// are the image bands. Deterministic by seed; tiles are placed side by side in a local metric CRS.
/// </summary>
public static class SyntheticDataset
{
    public static SegmentationDataset Generate(SyntheticGravityOptions options, IProgress<double>? progress = null,
        CancellationToken cancellation = default)
    {
        options.Validate();
        var tiles = new List<SegmentationTile>(options.Tiles);
        for (int t = 0; t < options.Tiles; t++)
        {
            cancellation.ThrowIfCancellationRequested();
            tiles.Add(GenerateTile(options, t, cancellation));
            progress?.Report((t + 1.0) / options.Tiles);
        }
        var classes = SyntheticGeology.Catalogue.Take(options.Classes)
            .Select((r, i) => new LithologyClass(i, r.Name, r.Color)).ToList();
        string[] bandNames = options.IncludeDerivatives
            ? ["residual_mgal", "vertical_derivative_mgal_per_km", "horizontal_gradient_mgal_per_km"]
            : ["residual_mgal"];
        return new SegmentationDataset(tiles, classes, MakeSplit(tiles.Select(t => t.Name).ToList(), options.Seed), bandNames);
    }

    public static SegmentationTile GenerateTile(SyntheticGravityOptions o, int index, CancellationToken cancellation = default)
    {
        int n = o.Size;
        var rng = new Random(unchecked(o.Seed * 1_000_003 + index * 7919 + 17));
        var map = SyntheticGeology.Generate(n, o.Classes, rng);
        var cover = CoverThickness(n, o.CoverMin, o.CoverMax, rng);
        var g = DensityForwardModel.BouguerAnomaly(map.DensityContrast, cover, o.CoverDensity - SyntheticGeology.ReferenceDensity,
            n, n, o.CellSize, o.BaseDepth, cancellation: cancellation);
        AddRegionalAndNoise(g, n, o, rng);
        var residual = PotentialFieldFilters.Residual(g, n, n, o.CellSize, o.RegionalHeight);
        var bands = new List<float[]> { ToFloat(residual) };
        if (o.IncludeDerivatives)
        {
            bands.Add(ToFloat(PotentialFieldFilters.VerticalDerivative(residual, n, n, o.CellSize)));
            bands.Add(ToFloat(PotentialFieldFilters.HorizontalGradient(residual, n, n, o.CellSize)));
        }
        var transform = new GeoTransform(index * n * o.CellSize, o.CellSize, 0, n * o.CellSize, 0, -o.CellSize);
        return new SegmentationTile($"synth_{index:D4}", n, n, bands, map.Classes, transform);
    }

    /// <summary>Smooth cover thickness: a sum of broad Gaussian bumps rescaled to [min, max] metres.</summary>
    private static float[] CoverThickness(int n, double min, double max, Random rng)
    {
        int bumps = rng.Next(4, 9);
        var p = Enumerable.Range(0, bumps).Select(_ => (X: rng.NextDouble() * n, Y: rng.NextDouble() * n,
            S: n * (0.15 + 0.4 * rng.NextDouble()), A: rng.NextDouble() * 2 - 0.5)).ToArray();
        var f = new double[n * n];
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
                foreach (var b in p)
                    f[y * n + x] += b.A * Math.Exp(-((x - b.X) * (x - b.X) + (y - b.Y) * (y - b.Y)) / (2 * b.S * b.S));
        double lo = f.Min(), hi = f.Max(), span = hi > lo ? hi - lo : 1;
        return f.Select(v => (float)(min + (max - min) * (v - lo) / span)).ToArray();
    }

    private static void AddRegionalAndNoise(double[] g, int n, SyntheticGravityOptions o, Random rng)
    {
        double gx = (rng.NextDouble() * 2 - 1) * 0.2, gy = (rng.NextDouble() * 2 - 1) * 0.2; // mGal per km
        double cx = rng.NextDouble() * n, cy = rng.NextDouble() * n, s = n * (0.5 + rng.NextDouble());
        double amp = (rng.NextDouble() * 2 - 1) * 20; // deep broad source, mGal
        double km = o.CellSize / 1000;
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
            {
                double r2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (s * s);
                g[y * n + x] += gx * x * km + gy * y * km + amp * Math.Exp(-r2 / 2) + o.NoiseMgal * SyntheticGeology.Gaussian(rng);
            }
    }

    /// <summary>70 / 15 / 15 % split of shuffled tiles (at least one validation and test tile from 3 tiles on).</summary>
    public static DatasetSplit MakeSplit(IReadOnlyList<string> names, int seed)
    {
        var rng = new Random(seed);
        var order = names.OrderBy(_ => rng.Next()).ToList();
        if (order.Count < 3) return new DatasetSplit(order, [], []);
        int nTest = Math.Max(1, (int)Math.Round(0.15 * order.Count));
        int nVal = Math.Max(1, (int)Math.Round(0.15 * order.Count));
        return new DatasetSplit(order.Skip(nTest + nVal).OrderBy(s => s, StringComparer.Ordinal).ToList(),
            order.Skip(nTest).Take(nVal).OrderBy(s => s, StringComparer.Ordinal).ToList(),
            order.Take(nTest).OrderBy(s => s, StringComparer.Ordinal).ToList());
    }

    private static float[] ToFloat(double[] v) => Array.ConvertAll(v, x => (float)x);
}
