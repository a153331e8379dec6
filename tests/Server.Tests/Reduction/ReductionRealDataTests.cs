using System.Globalization;
using GisBridge.Algorithms.Common;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;
using GisBridge.Server.Reduction;
using GisBridge.Server.Tests.Support;
using GisBridge.Tests.Support;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Tests.Reduction;

/// <summary>
/// The reduction jobs on the real data (EIGEN-6C4 gravity at 10 km + ETOPO1, NOAA southern-Africa stations),
/// checked against an independent numpy computation of the published formulas (independent_reduction.py).
/// </summary>
public class ReductionRealDataTests
{
    private static string Global(string file) => SharedData.Path("gravity", "global-10arcmin", file);
    private static string Script => Path.Combine(RepoPaths.Root, "tests", "Server.Tests", "Reduction", "independent_reduction.py");

    private static List<RasterOutput> Run<T>(IJob<T> job, T options, Action<JobInputs> fill, string? workDir = null)
    {
        var inputs = new JobInputs();
        fill(inputs);
        var outputs = new JobOutputs();
        using var context = new JobContext(CancellationToken.None, _ => { }, workDir ?? Path.GetTempPath());
        job.Run(options, inputs, outputs, context);
        return outputs.Items.OfType<RasterOutput>().ToList();
    }

    private static readonly GdalGeoIo Geo = new();

    private static string Python(params string[] args) =>
        ExternalTool.Run(ExternalTool.Python, new[] { Script }.Concat(args));

    [Fact]
    public void ReducedGridsStateTheirUnitsAndTheContinuationOfOneKeepsThem()
    {
        // Clients name layers from the file's units ("Residual field, h = 10 km (mGal)"): a chain of jobs must not
        // lose them, nor invent them.
        var disturbance = Run(new GravityDisturbanceJob(), new Proto.GravityDisturbanceOptions { HeightM = 10000 },
            i => i.AddRasterFile("input", Global("earth-gravity-10arcmin.nc"), Geo))[0].Grid;
        Assert.Equal(["mGal"], disturbance.BandUnits);
        disturbance = WithoutDuplicated180Column(disturbance);
        var continued = Run(new GisBridge.Server.Gravity.UpwardContinuationJob(), new Proto.UpwardContinuationOptions { Heights = { 10000 }, WantRegional = true, WantResidual = true },
            i => i.AddRaster("input", () => disturbance));
        Assert.Equal(["regional", "residual"], continued.Select(o => o.Name));
        Assert.All(continued, o => Assert.Equal(["mGal"], o.Grid.BandUnits));
        // Filters: a derivative is per metre, an angle in radians, a linear filter keeps the input's units.
        string UnitsOf<T>(IJob<T> job, T options) => Run(job, options, i => i.AddRaster("input", () => disturbance))[0].Grid.UnitsOf(0);
        Assert.Equal("mGal/m", UnitsOf(new GisBridge.Server.Gravity.DerivativeJob(), new Proto.DerivativeOptions { Kind = Proto.DerivativeKind.Vertical }));
        Assert.Equal("radians", UnitsOf(new GisBridge.Server.Gravity.DerivativeJob(), new Proto.DerivativeOptions { Kind = Proto.DerivativeKind.Tilt }));
        Assert.Equal("mGal", UnitsOf(new GisBridge.Server.Filters.BandPassJob(), new Proto.BandPassOptions { LongCutoffKm = 2000 }));
        // A grid of unknown units (new bands, as a derivative makes them) is continued without any.
        var unknown = disturbance.WithBands(disturbance.Bands);
        Assert.Empty(unknown.BandUnits);
        var unnamed = Run(new GisBridge.Server.Gravity.UpwardContinuationJob(), new Proto.UpwardContinuationOptions { Heights = { 10000 } },
            i => i.AddRaster("input", () => unknown));
        Assert.All(unnamed, o => Assert.Empty(o.Grid.BandUnits));
    }

    /// <summary>The 2160 distinct columns of the gridline-registered global grid (its last repeats -180 at 180).</summary>
    private static RasterGrid WithoutDuplicated180Column(RasterGrid g)
    {
        int w = g.Width - 1;
        var band = new float[w * g.Height];
        for (int y = 0; y < g.Height; y++) Array.Copy(g.Bands[0], y * g.Width, band, y * w, w);
        return new RasterGrid(w, g.Height, g.Transform, [band]) { CrsWkt = g.CrsWkt, CrsKind = g.CrsKind, BandUnits = g.BandUnits };
    }

    [Fact]
    public void BouguerAnomalyFromEigen6c4AndEtopo1MatchesAnIndependentComputationAt50Cells()
    {
        var disturbance = Run(new GravityDisturbanceJob(), new Proto.GravityDisturbanceOptions { HeightM = 10000 },
            i => i.AddRasterFile("input", Global("earth-gravity-10arcmin.nc"), Geo))[0].Grid; // no CRS in the file: settled as EPSG:4326 where inputs are read
        var outputs = Run(new BouguerAnomalyJob(), new Proto.BouguerAnomalyOptions { WantCorrection = true }, i =>
        {
            i.AddRaster("input", () => disturbance);
            i.AddRasterFile("topography", Global("earth-topography-10arcmin.nc"), Geo);
        });
        Assert.Equal(["bouguer", "correction"], outputs.Select(o => o.Name));
        var bouguer = outputs[0].Grid;
        Assert.Equal((2161, 1081), (bouguer.Width, bouguer.Height));
        Assert.Equal(CrsKind.Geographic, bouguer.CrsKind);

        var random = new Random(18);
        var cells = Enumerable.Range(0, 50).Select(_ => (Row: random.Next(bouguer.Height), Col: random.Next(bouguer.Width))).ToList();
        var expected = Python(["bouguer", Global("earth-gravity-10arcmin.nc"), Global("earth-topography-10arcmin.nc"), "10000",
            .. cells.Select(c => $"{c.Row},{c.Col}")])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(50, expected.Count);
        for (int k = 0; k < cells.Count; k++)
        {
            float actual = bouguer.Bands[0][(long)cells[k].Row * bouguer.Width + cells[k].Col];
            // The gravity is held as float32 (~0.03 mGal steps at 980,000 mGal); the independent side is float64.
            Assert.True(Math.Abs(actual - expected[k]) < 0.05, $"cell {cells[k]}: {actual} vs independent {expected[k]}");
        }
        // Documented facts of the field: oceans (water replaced by crust) have high Bouguer anomalies, mountains low.
        var b = bouguer.Bands[0];
        Assert.True(b.Where(float.IsFinite).Max() > 300 && b.Where(float.IsFinite).Min() < -400);
    }

    [Fact]
    public void SouthernAfricaStationsGridAroundTheirIndependentBouguerValuesAndFarCellsAreMasked()
    {
        string stations = SharedData.Path("gravity", "south-africa", "southern-africa-gravity.csv.xz");
        string work = Directory.CreateTempSubdirectory("gb-reduction-").FullName;
        try
        {
            var inputs = (JobInputs i) => i.AddFile(new InputFile("stations", Path.GetFileName(stations), stations));
            var grid = Run(new GridStationsJob(), new Proto.GridStationsOptions { CellSizeDeg = 0.1, MaxDistanceKm = 25 }, inputs, work)[0].Grid;
            var independent = Python("stations", stations).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
            Assert.Equal(14_359, independent.Count); // PROVENANCE.md: 14,359 stations
            var t = grid.Transform;
            double kmLat = 110.574;
            int checkedCells = 0;
            for (int row = 0; row < grid.Height; row += 7)
                for (int col = 0; col < grid.Width; col += 7)
                {
                    double x = t.CenterX(col), y = t.CenterY(row), kmLon = 111.320 * Math.Cos(y * Math.PI / 180);
                    var near = independent.Where(s => Math.Pow((s[0] - x) * kmLon, 2) + Math.Pow((s[1] - y) * kmLat, 2) < 20 * 20).ToList();
                    bool farFromAll = independent.All(s => Math.Pow((s[0] - x) * kmLon, 2) + Math.Pow((s[1] - y) * kmLat, 2) > 30 * 30);
                    float v = grid.Bands[0][(long)row * grid.Width + col];
                    if (farFromAll) Assert.True(float.IsNaN(v), $"cell ({x}, {y}) is > 30 km from every station but has {v}");
                    if (near.Count == 0) continue;
                    Assert.False(float.IsNaN(v), $"cell ({x}, {y}) has {near.Count} stations within 20 km but is nodata");
                    // Inverse-distance weights are a convex combination of the stations within the 25 km search ellipse.
                    var within = independent.Where(s => Math.Pow((s[0] - x) * kmLon, 2) + Math.Pow((s[1] - y) * kmLat, 2) < 27 * 27).Select(s => s[2]).ToList();
                    Assert.InRange(v, within.Min() - 0.01, within.Max() + 0.01);
                    checkedCells++;
                }
            Assert.True(checkedCells > 100, $"only {checkedCells} cells checked");
        }
        finally { Directory.Delete(work, true); }
    }

    [Fact]
    public void BadInputsAreRefusedWithAMessageNamingTheProblem()
    {
        // An anomaly given where absolute gravity is expected.
        var anomaly = new RasterGrid(3, 2, new GeoTransform(10, 1, 0, 50, 0, -1), [new float[] { 10, -5, 3, 2, 1, 0 }]) { CrsKind = CrsKind.Geographic };
        var e1 = Assert.ThrowsAny<ArgumentException>(() => Run(new GravityDisturbanceJob(), new Proto.GravityDisturbanceOptions(), i => i.AddRaster("input", () => anomaly)));
        Assert.Contains("not absolute gravity", e1.Message);
        // Absolute gravity given to the Bouguer step.
        var gravity = new RasterGrid(3, 2, anomaly.Transform, [Enumerable.Repeat(979_000f, 6).ToArray()]) { CrsKind = CrsKind.Geographic };
        var e2 = Assert.Throws<JobInputException>(() => Run(new BouguerAnomalyJob(), new Proto.BouguerAnomalyOptions(), i =>
        {
            i.AddRaster("input", () => gravity);
            i.AddRaster("topography", () => anomaly);
        }));
        Assert.Contains("gravity-disturbance first", e2.Message);
        // A station table without the gravity column, and a file that is not xz.
        string work = Directory.CreateTempSubdirectory("gb-reduction-").FullName;
        try
        {
            string csv = Path.Combine(work, "s.csv");
            File.WriteAllText(csv, "longitude,latitude,height_sea_level_m\n20,-30,1000\n21,-30,1100\n20,-31,900\n");
            var e3 = Assert.Throws<JobInputException>(() => Run(new GridStationsJob(), new Proto.GridStationsOptions(),
                i => i.AddFile(new InputFile("stations", "s.csv", csv)), work));
            Assert.Contains("gravity_mgal", e3.Message);
            string xz = Path.Combine(work, "t.csv.xz");
            File.WriteAllText(xz, "longitude,latitude\n");
            var e4 = Assert.Throws<JobInputException>(() => Run(new GridStationsJob(), new Proto.GridStationsOptions(),
                i => i.AddFile(new InputFile("stations", "t.csv.xz", xz)), work));
            Assert.Contains("not a readable xz file", e4.Message);
            // A cell that is not a number is named by column and line (the header is line 1).
            File.WriteAllText(csv, "longitude,latitude,height_sea_level_m,gravity_mgal\n20,-30,1000,978900.5\n21,-30,1100,n/a\n");
            var e5 = Assert.Throws<JobInputException>(() => Run(new GridStationsJob(), new Proto.GridStationsOptions(),
                i => i.AddFile(new InputFile("stations", "s.csv", csv)), work));
            Assert.Contains("column 'gravity_mgal' line 3: 'n/a' is not a number", e5.Message);
        }
        finally { Directory.Delete(work, true); }
    }
}
