namespace GisBridge.Algorithms.Lithology.Synthetic;

/// <summary>A rock class of the synthetic benchmark with its density distribution (kg/m³, normal).</summary>
public sealed record RockType(string Name, string Color, double MeanDensity, double DensitySd, bool Intrusive);

/// <summary>A generated geological map: class per cell and density contrast per cell (kg/m³ vs the reference).</summary>
public sealed record GeologicalMap(int Size, byte[] Classes, float[] DensityContrast);

/// <summary>
/// Random geological maps: polygonal terranes (Voronoi cells), each filled with folded strata (sinusoidal folds of
/// random axis, wavelength and amplitude; random stratum thicknesses and rock types), cut by strike-slip faults
/// that offset everything older, then intruded by plutons (lobed ellipses of intrusive rock). Each unit draws
/// its density from its rock type's distribution, so classes overlap in density as real rocks do.
/// </summary>
public static class SyntheticGeology
{
    public const double ReferenceDensity = 2670;

    /// <summary>Rock types in the order classes are taken (K classes = the first K); intrusive ones come early.</summary>
    public static IReadOnlyList<RockType> Catalogue { get; } =
    [
        new("Granite", "#d04040", 2640, 35, true),
        new("Sandstone", "#e0c060", 2350, 50, false),
        new("Basalt", "#406080", 2900, 45, false),
        new("Shale", "#808060", 2450, 45, false),
        new("Gneiss", "#a060a0", 2760, 35, false),
        new("Gabbro", "#206040", 3000, 40, true),
        new("Limestone", "#80c0e0", 2600, 45, false),
        new("Schist", "#c08040", 2700, 35, false),
        new("Peridotite", "#40a040", 3200, 45, true),
        new("Quartzite", "#d0d0d0", 2620, 30, false),
    ];

    public static GeologicalMap Generate(int size, int classes, Random rng)
    {
        if (size < 8) throw new ArgumentException($"tile size must be at least 8, got {size}");
        if (classes < 2 || classes > Catalogue.Count)
            throw new ArgumentException($"classes must be 2..{Catalogue.Count}, got {classes}");
        var strata = Enumerable.Range(0, classes).Where(c => !Catalogue[c].Intrusive).ToArray();
        var intrusive = Enumerable.Range(0, classes).Where(c => Catalogue[c].Intrusive).ToArray();
        var terranes = Enumerable.Range(0, rng.Next(3, 7)).Select(_ => Terrane.Create(size, strata, rng)).ToArray();
        var faults = Enumerable.Range(0, rng.Next(0, 4)).Select(_ => Fault.Create(size, rng)).ToArray();
        var plutons = intrusive.Length == 0 ? [] : Enumerable.Range(0, rng.Next(1, 5)).Select(_ => Pluton.Create(size, intrusive, rng)).ToArray();

        var classMap = new byte[size * size];
        var density = new float[size * size];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                int i = y * size + x;
                var pluton = plutons.FirstOrDefault(p => p.Contains(x + 0.5, y + 0.5));
                if (pluton is not null)
                {
                    classMap[i] = (byte)pluton.Class;
                    density[i] = (float)(pluton.Density - ReferenceDensity);
                    continue;
                }
                double px = x + 0.5, py = y + 0.5;
                foreach (var f in faults) (px, py) = f.Displace(px, py);
                var t = terranes.MinBy(t => (t.SeedX - px) * (t.SeedX - px) + (t.SeedY - py) * (t.SeedY - py))!;
                var (cls, rho) = t.At(px, py);
                classMap[i] = (byte)cls;
                density[i] = (float)(rho - ReferenceDensity);
            }
        return new GeologicalMap(size, classMap, density);
    }

    private static double Draw(RockType r, Random rng) => r.MeanDensity + r.DensitySd * Gaussian(rng);

    internal static double Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private sealed record Terrane(double SeedX, double SeedY, double Cos, double Sin, double Wavelength, double Amplitude,
        double Phase, double[] Bounds, int[] Classes, double[] Densities)
    {
        public static Terrane Create(int size, int[] strata, Random rng)
        {
            double angle = rng.NextDouble() * Math.PI;
            // Strata along u in [-2 size, 2 size], thicknesses 4-20 % of the tile.
            var bounds = new List<double> { -2.0 * size };
            while (bounds[^1] < 2.0 * size) bounds.Add(bounds[^1] + size * (0.04 + 0.16 * rng.NextDouble()));
            var classes = new int[bounds.Count];
            for (int j = 0; j < classes.Length; j++)
            {
                int c;
                do c = strata[rng.Next(strata.Length)];
                while (strata.Length > 1 && j > 0 && c == classes[j - 1]);
                classes[j] = c;
            }
            return new Terrane(rng.NextDouble() * size, rng.NextDouble() * size, Math.Cos(angle), Math.Sin(angle),
                size * (0.3 + 0.7 * rng.NextDouble()), size * 0.15 * rng.NextDouble(), rng.NextDouble() * 2 * Math.PI,
                [.. bounds], classes, classes.Select(c => Draw(Catalogue[c], rng)).ToArray());
        }

        public (int Class, double Density) At(double x, double y)
        {
            double u = (x - SeedX) * Cos + (y - SeedY) * Sin, v = -(x - SeedX) * Sin + (y - SeedY) * Cos;
            u += Amplitude * Math.Sin(2 * Math.PI * v / Wavelength + Phase);
            int j = Array.BinarySearch(Bounds, u);
            j = Math.Clamp(j >= 0 ? j : ~j - 1, 0, Classes.Length - 1);
            return (Classes[j], Densities[j]);
        }
    }

    private sealed record Fault(double X, double Y, double Dx, double Dy, double Offset)
    {
        public static Fault Create(int size, Random rng)
        {
            double a = rng.NextDouble() * Math.PI;
            return new Fault(rng.NextDouble() * size, rng.NextDouble() * size, Math.Cos(a), Math.Sin(a),
                size * (0.05 + 0.2 * rng.NextDouble()) * (rng.Next(2) == 0 ? -1 : 1));
        }

        // Strike-slip: the block on the left of the fault line moves along it.
        public (double X, double Y) Displace(double x, double y) =>
            (x - X) * Dy - (y - Y) * Dx > 0 ? (x + Offset * Dx, y + Offset * Dy) : (x, y);
    }

    private sealed record Pluton(double X, double Y, double A, double B, double Cos, double Sin, double Lobe, int Class, double Density)
    {
        public static Pluton Create(int size, int[] intrusive, Random rng)
        {
            double a = rng.NextDouble() * Math.PI;
            int c = intrusive[rng.Next(intrusive.Length)];
            return new Pluton(rng.NextDouble() * size, rng.NextDouble() * size, size * (0.04 + 0.12 * rng.NextDouble()),
                size * (0.04 + 0.12 * rng.NextDouble()), Math.Cos(a), Math.Sin(a), rng.NextDouble() * 2 * Math.PI, c,
                Draw(Catalogue[c], rng));
        }

        public bool Contains(double x, double y)
        {
            double u = ((x - X) * Cos + (y - Y) * Sin) / A, v = (-(x - X) * Sin + (y - Y) * Cos) / B;
            double r = 1 + 0.15 * Math.Sin(3 * Math.Atan2(v, u) + Lobe); // lobed outline
            return u * u + v * v < r * r;
        }
    }
}
