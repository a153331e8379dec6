using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Tests.Gravity;

/// <summary>One analytic continuation case: the input grid, the height, and the closed-form field at that height
/// for each cell (column, row).</summary>
public sealed record EdgeCase(string Name, RasterGrid Input, double Height, Func<int, int, double> Truth)
{
    public override string ToString() => Name;
}

/// <summary>
/// The analytic grids on which edge treatments are judged: buried point masses (uniform spheres) whose upward-
/// continued field is the same closed form at depth + h, placed inside, on and beyond the grid's edges, with plane
/// trends, deep regional sources, NaN holes and coast-like NaN areas, and zero-mean regional waves running off every
/// edge (continued exactly by exp(-|k| h)), on projected and lon/lat grids (high latitudes,
/// a 40-degree span), north-up and south-up. Lon/lat truth uses local east/north offsets at the two points' mean
/// latitude on WGS 84 (exact to second order over the distances where a mass's field matters).
/// </summary>
public static class EdgeCaseFamily
{
    private const double A = 6378137.0, F = 1 / 298.257223563;
    private static readonly double E2 = F * (2 - F);

    /// <summary>Masses near the edges of a width x height km grid (1 km cells), some deep and broad: the case.</summary>
    private static PointMass[] NearEdges(double w, double h) =>
    [
        new(0.06 * w, 0.5 * h, 8_000, 1e9),
        new(0.95 * w, 0.3 * h, 12_000, 2e9),
        new(0.5 * w, 0.04 * h, 6_000, 6e8),
        new(0.35 * w, 0.93 * h, 20_000, 4e9),
        new(0.55 * w, 0.55 * h, 40_000, 2e10),
    ];

    public static IReadOnlyList<EdgeCase> All() =>
    [
        Projected("inside-256", 256, 256, 10_000, UpwardContinuationAnalyticTests.Sources),
        Projected("near-edges-512x400", 512, 400, 10_000, NearEdges(512_000, 400_000)),
        Projected("near-edges-h2km", 512, 400, 2_000, NearEdges(512_000, 400_000)),
        Projected("near-edges-h25km", 512, 400, 25_000, NearEdges(512_000, 400_000)),
        Projected("near-edges-south-up", 512, 400, 10_000, NearEdges(512_000, 400_000), northUp: false),
        Projected("on-edges", 300, 240, 10_000,
            [new(0, 120_000, 10_000, 1e9), new(300_000, 60_000, 15_000, 2e9), new(150_000, 240_000, 8_000, 8e8), new(0, 0, 12_000, 1e9)]),
        Projected("beyond-edges", 300, 240, 10_000,
            [new(-15_000, 100_000, 10_000, 2e9), new(320_000, 180_000, 15_000, 3e9), new(150_000, -20_000, 12_000, 2e9),
             new(140_000, 130_000, 10_000, 5e8)]),
        Projected("corner", 256, 256, 8_000, [new(10_000, 250_000, 9_000, 1e9), new(256_000, 0, 14_000, 2e9)]),
        Projected("deep-regional", 400, 400, 15_000,
            [new(200_000, 300_000, 120_000, 5e11), new(100_000, 100_000, 8_000, 1e9), new(380_000, 200_000, 10_000, 1e9)]),
        Projected("plane-trend", 400, 300, 10_000, NearEdges(400_000, 300_000), plane: (20, 0.00004, -0.00003)),
        Projected("steep-plane", 300, 300, 10_000, NearEdges(300_000, 300_000), plane: (-50, 0.0002, 0.0001)),
        Projected("cells-1000x600", 256, 427, 8_000, NearEdges(256_000, 256_000), dy: 600),
        Projected("small-128x100", 128, 100, 5_000, NearEdges(128_000, 100_000)),
        Projected("odd-301x257", 301, 257, 10_000, NearEdges(301_000, 257_000)),
        Projected("holes", 512, 400, 10_000, NearEdges(512_000, 400_000), holes: Holes),
        Projected("coast", 512, 400, 10_000, NearEdges(512_000, 400_000), holes: Coast),
        // The 10800 x 5400 benchmark's field (bench/scripts/upward_continuation.sh) on a smaller grid: regional waves
        // of a few grid-widths' wavelength and shorter ones, running off every edge.
        Waves("regional-waves-1350x675", 1350, 675, 10_000, [(20, 37_500, 21_250, false), (5, 5_000, 3_375, false), (1, 1_125, 875, true)]),
        Waves("regional-waves-512x400", 512, 400, 10_000, [(20, 60_000, 40_000, false), (5, 15_000, 10_000, false), (1, 4_000, 3_000, true)]),
        Geographic("lonlat-52-58N-2min", -8, 4, 52, 58, 1.0 / 30, 10_000, true),
        Geographic("lonlat-52-58N-south-up", -8, 4, 52, 58, 1.0 / 30, 10_000, false),
        Geographic("lonlat-40deg-span", 0, 30, 10, 50, 0.2, 30_000, true),
        Geographic("lonlat-70-78N", 10, 40, 70, 78, 0.05, 12_000, true),
        Geographic("lonlat-south-40-50S", 100, 112, -50, -40, 0.04, 10_000, true),
        Geographic("lonlat-holes", -8, 4, 52, 58, 1.0 / 30, 10_000, true, holes: Holes),
        Geographic("lonlat-coast", -8, 4, 52, 58, 1.0 / 30, 10_000, true, holes: Coast),
        Geographic("lonlat-plane-trend", -8, 4, 52, 58, 1.0 / 30, 10_000, true, trend: (15, 1.5, -2)),
    ];

    private static EdgeCase Projected(string name, int width, int height, double h, PointMass[] sources, bool northUp = true,
        (double A, double Bx, double By)? plane = null, double dy = 1000, Func<int, int, int, int, bool>? holes = null)
    {
        double Plane(double x, double y) => plane is { } p ? p.A + p.Bx * x + p.By * y : 0;
        var grid = PointMassField.Grid(width, height, 1000, dy, 0, 0, (x, y) => PointMassField.Gz(sources, x, y, 0) + Plane(x, y), northUp);
        var t = grid.Transform;
        // A plane is harmonic: it continues unchanged.
        return Build(name, grid, h, (c, r) => PointMassField.Gz(sources, t.CenterX(c), t.CenterY(r), h) + Plane(t.CenterX(c), t.CenterY(r)), holes);
    }

    /// <summary>Sums of A sin(x/a) cos(y/b) (or cos(x/a) sin(y/b)): each continues exactly by exp(-|k| h), |k| = hypot(1/a, 1/b).</summary>
    private static EdgeCase Waves(string name, int width, int height, double h, (double A, double a, double b, bool Swapped)[] waves)
    {
        double Field(double x, double y, double height) => waves.Sum(w => w.A * Math.Exp(-Math.Sqrt(1 / (w.a * w.a) + 1 / (w.b * w.b)) * height) *
            (w.Swapped ? Math.Cos(x / w.a) * Math.Sin(y / w.b) : Math.Sin(x / w.a) * Math.Cos(y / w.b)));
        var grid = PointMassField.Grid(width, height, 1000, 1000, 0, 0, (x, y) => Field(x, y, 0));
        var t = grid.Transform;
        return new EdgeCase(name, grid, h, (c, r) => Field(t.CenterX(c), t.CenterY(r), h));
    }

    private static EdgeCase Geographic(string name, double west, double east, double south, double north, double cell, double h,
        bool northUp, Func<int, int, int, int, bool>? holes = null, (double A, double PerLon, double PerLat)? trend = null)
    {
        double lonSpan = east - west, latSpan = north - south;
        // Masses near each edge and one broad deep one, in degrees.
        (double Lon, double Lat, double Depth, double S)[] sources =
        [
            (west + 0.05 * lonSpan, south + 0.5 * latSpan, 8_000, 1e9),
            (west + 0.96 * lonSpan, south + 0.3 * latSpan, 12_000, 2e9),
            (west + 0.5 * lonSpan, south + 0.04 * latSpan, 6_000, 6e8),
            (west + 0.35 * lonSpan, south + 0.94 * latSpan, 20_000, 4e9),
            (west + 0.55 * lonSpan, south + 0.55 * latSpan, 40_000, 2e10),
        ];
        double Trend(double lon, double lat) => trend is { } p ? p.A + p.PerLon * (lon - west) + p.PerLat * (lat - south) : 0;
        double Field(double lon, double lat, double z)
        {
            double g = 0;
            foreach (var s in sources)
            {
                double phi = (lat + s.Lat) / 2 * Math.PI / 180, sin = Math.Sin(phi), w = 1 - E2 * sin * sin;
                double n = A / Math.Sqrt(w), m = A * (1 - E2) / (w * Math.Sqrt(w));
                double e = n * Math.Cos(phi) * (lon - s.Lon) * Math.PI / 180, no = m * (lat - s.Lat) * Math.PI / 180, dz = s.Depth + z;
                g += s.S * dz / Math.Pow(e * e + no * no + dz * dz, 1.5);
            }
            return g;
        }
        int width = (int)Math.Round(lonSpan / cell), height = (int)Math.Round(latSpan / cell);
        var gt = northUp ? new GeoTransform(west, cell, 0, north, 0, -cell) : new GeoTransform(west, cell, 0, south, 0, cell);
        var v = new float[width * height];
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++)
                v[r * width + c] = (float)(Field(gt.CenterX(c), gt.CenterY(r), 0) + Trend(gt.CenterX(c), gt.CenterY(r)));
        // A trend linear in lon/lat is not exactly harmonic on the sphere, but its curvature over 6 degrees is far
        // below the anomalies' (the Laplacian of a linear function of lon/lat is O(value / R^2)).
        var grid = new RasterGrid(width, height, gt, [v]) { CrsKind = CrsKind.Geographic };
        return Build(name, grid, h, (c, r) => Field(gt.CenterX(c), gt.CenterY(r), h) + Trend(gt.CenterX(c), gt.CenterY(r)), holes);
    }

    private static EdgeCase Build(string name, RasterGrid grid, double h, Func<int, int, double> truth, Func<int, int, int, int, bool>? holes)
    {
        if (holes is null) return new EdgeCase(name, grid, h, truth);
        var v = (float[])grid.Bands[0].Clone();
        for (int r = 0; r < grid.Height; r++)
            for (int c = 0; c < grid.Width; c++)
                if (holes(c, r, grid.Width, grid.Height)) v[r * grid.Width + c] = float.NaN;
        return new EdgeCase(name, grid.WithBands([v]), h, truth);
    }

    // Survey gaps: two rectangles, one touching the top edge, and scattered dropouts.
    private static bool Holes(int c, int r, int w, int h) =>
        (c > 0.3 * w && c < 0.36 * w && r > 0.4 * h && r < 0.5 * h)
        || (c > 0.7 * w && c < 0.8 * w && r < 0.08 * h)
        || (r * w + c) % 997 == 0;

    // Land: a wavy coastline across the left third of the grid, NaN on the land side.
    private static bool Coast(int c, int r, int w, int h) =>
        c < w * (0.22 + 0.08 * Math.Sin(6.0 * r / h) + 0.04 * Math.Cos(17.0 * r / h));
}
