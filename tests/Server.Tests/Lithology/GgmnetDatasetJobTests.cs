using System.Text.Json;
using GisBridge.Algorithms.Common;
using GisBridge.Protocol.V1;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;
using GisBridge.Server.Lithology;
using GisBridge.Server.Tests.Io.Gdal;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Tests.Lithology;

/// <summary>
/// Dataset builder on a synthetic 60 x 40 km UTM grid (1 km cells, gravity = column index) with a GeoPackage map:
/// Granite west of x = 20 km, Basalt east of it, and a cover polygon over x >= 41.2 km.
/// </summary>
public sealed class GgmnetDatasetJobTests(ITestOutputHelper log) : IDisposable
{
    private const int W = 60, H = 40;
    private const double X0 = 500_000, Y0 = 5_000_000, Cell = 1000;
    private static readonly GeometryFactory Factory = new();
    private readonly string _root = Directory.CreateTempSubdirectory("gisbridge-ggmnet-dataset-").FullName;
    private readonly GdalGeoIo _geo = new();
    private readonly string _wkt = GdalTestFiles.Wkt("EPSG:32633");

    private readonly List<JobContext> _contexts = [];

    public void Dispose()
    {
        _contexts.ForEach(c => c.Dispose());
        Directory.Delete(_root, recursive: true);
    }

    private RasterGrid Gravity()
    {
        var band = new float[W * H];
        for (int r = 0; r < H; r++) for (int c = 0; c < W; c++) band[r * W + c] = c;
        return new RasterGrid(W, H, new GeoTransform(X0, Cell, 0, Y0, 0, -Cell), [band]) { CrsWkt = _wkt, CrsKind = CrsKind.Projected };
    }

    /// <summary>Rectangle in cell coordinates (x to the east, y rows to the south).</summary>
    private static Polygon Box(double c0, double r0, double c1, double r1) => Factory.CreatePolygon(
    [
        new(X0 + c0 * Cell, Y0 - r0 * Cell), new(X0 + c1 * Cell, Y0 - r0 * Cell), new(X0 + c1 * Cell, Y0 - r1 * Cell),
        new(X0 + c0 * Cell, Y0 - r1 * Cell), new(X0 + c0 * Cell, Y0 - r0 * Cell),
    ]);

    private string Map(string name, params (Polygon Shape, string Lith)[] parts)
    {
        var layer = new VectorLayer(name, _wkt, [new VectorField("lith", VectorFieldType.String)],
            parts.Select(p => new VectorFeature(p.Shape, new Dictionary<string, object?> { ["lith"] = p.Lith })).ToList());
        string path = Path.Combine(_root, name + ".gpkg");
        OgrVectorWriter.WriteGeoPackage(path, name, layer);
        return path;
    }

    private JobOutputs Run(GgmnetDatasetOptions options, string geology, string? cover = null, string? holdout = null)
    {
        var inputs = new JobInputs();
        inputs.AddRaster("gravity", Gravity);
        inputs.AddFile(new InputFile("geology", Path.GetFileName(geology), geology));
        if (cover is not null) inputs.AddFile(new InputFile("cover", Path.GetFileName(cover), cover));
        if (holdout is not null) inputs.AddFile(new InputFile("holdout_points", Path.GetFileName(holdout), holdout));
        var outputs = new JobOutputs();
        var ctx = new JobContext(CancellationToken.None, _ => { }, _root);   // its work folder holds the outputs until Dispose
        _contexts.Add(ctx);
        new GgmnetDatasetJob(_geo).Run(options, inputs, outputs, ctx);
        return outputs;
    }

    private string TwoUnits() => Map("geology", (Box(-5, -5, 20, 45), "Granite"), (Box(20, -5, 70, 45), "Basalt"));

    private static GgmnetDatasetOptions Options(params double[] windows)
    {
        var o = new GgmnetDatasetOptions { ClassField = "lith", Tile = 16, StrideFraction = 0.5, Seed = 1 };
        o.Windows.Add(windows);
        return o;
    }

    [Fact]
    public void BuildsGeoreferencedTilesLabelsAndTheOutcropSplit()
    {
        var outputs = Run(Options(10_000, 20_000), TwoUnits(), Map("cover", (Box(41.2, -5, 70, 45), "Quaternary")));
        var files = outputs.Items.OfType<FileOutput>().Where(f => f.Name == "dataset").Select(f => new InputFile("dataset", f.FileName, f.Path)).ToList();
        var dataset = LithologyFiles.ReadDataset(_geo, files);
        log.WriteLine(outputs.Result.Message);
        log.WriteLine(outputs.Result.ReportJson);
        Assert.Equal(["Basalt", "Granite"], dataset.Classes.Select(c => c.Name));   // sorted names -> ids
        Assert.Contains(files, f => f.FileName == "class_frequencies.json");

        // 10 km windows: 11 x 7 positions, 20 km: 5 x 3; windows entirely under cover (cols 45, 50) are dropped.
        Assert.DoesNotContain(dataset.Tiles, t => t.Name is "w0_r00000_c00045" or "w0_r00000_c00050");
        Assert.Equal(11 * 7 - 2 * 7 + 5 * 3, dataset.Tiles.Count);

        var west = dataset.Tiles.Single(t => t.Name == "w0_r00000_c00000");
        Assert.All(west.Labels, l => Assert.Equal(1, l));   // Granite
        var large = dataset.Tiles.Single(t => t.Name == "w1_r00010_c00020");
        Assert.Equal(new GeoTransform(X0 + 20 * Cell, 1250, 0, Y0 - 10 * Cell, 0, -1250), large.Transform);
        Assert.Equal(20 + 0.5 * 1.25 - 0.5, large.Bands[0][0], 4);   // bilinear: gravity = column index at the tile cell centre
        Assert.Equal(0, large.Labels[^1]);                           // last cell samples column 39: Basalt, not under cover
        var read = GdalRasterReader.Read(files.Single(f => f.FileName == "images/w1_r00010_c00020.tif").Path);
        Assert.Equal(CrsKind.Projected, read.CrsKind);

        // Test = outcrop < 10 %: the 20 km windows at column 40 keep one uncovered column of 20 (1/16 tile cells).
        var split = dataset.Split!;
        Assert.Equal(["w1_r00000_c00040", "w1_r00010_c00040", "w1_r00020_c00040"], split.Test.Order());
        int rest = dataset.Tiles.Count - split.Test.Count;
        Assert.Equal((int)Math.Round(rest * 0.15), split.Val.Count);
        Assert.Equal(rest - split.Val.Count, split.Train.Count);

        using var report = JsonDocument.Parse(outputs.Result.ReportJson);
        var classes = report.RootElement.GetProperty("classes");
        double total = classes.EnumerateArray().Sum(c => c.GetProperty("frequency").GetDouble());
        Assert.Equal(1.0, total, 6);
        log.WriteLine($"tiles {dataset.Tiles.Count}: train {split.Train.Count}, val {split.Val.Count}, test {split.Test.Count}");
    }

    [Fact]
    public void GeographicGridTakesWindowsInDegreesAndTheMapIsReprojected()
    {
        // 0.1 degree cells, 72-78E 51-55N; the map is in UTM 43N, whose central meridian 75E is easting 500 km:
        // Granite west of it, Basalt east of it, so the boundary falls on column 30 after reprojection.
        var band = Enumerable.Range(0, W * H).Select(i => (float)(i % W)).ToArray();
        var grid = new RasterGrid(W, H, new GeoTransform(72, 0.1, 0, 55, 0, -0.1), [band])
            { CrsWkt = GdalTestFiles.Wkt("EPSG:4326"), CrsKind = CrsKind.Geographic };
        string utm = GdalTestFiles.Wkt("EPSG:32643");
        Polygon Utm(double e0, double e1) => Factory.CreatePolygon(
            [new(e0, 5_500_000), new(e1, 5_500_000), new(e1, 6_300_000), new(e0, 6_300_000), new(e0, 5_500_000)]);
        var layer = new VectorLayer("geology", utm, [new VectorField("lith", VectorFieldType.String)],
        [
            new VectorFeature(Utm(100_000, 500_000), new Dictionary<string, object?> { ["lith"] = "Granite" }),
            new VectorFeature(Utm(500_000, 900_000), new Dictionary<string, object?> { ["lith"] = "Basalt" }),
        ]);
        string path = Path.Combine(_root, "utm.gpkg");
        OgrVectorWriter.WriteGeoPackage(path, "geology", layer);
        var inputs = new JobInputs();
        inputs.AddRaster("gravity", () => grid);
        inputs.AddFile(new InputFile("geology", "utm.gpkg", path));
        var outputs = new JobOutputs();
        var ctx = new JobContext(CancellationToken.None, _ => { }, _root);
        _contexts.Add(ctx);
        new GgmnetDatasetJob(_geo).Run(Options(1, 2), inputs, outputs, ctx);
        log.WriteLine(outputs.Result.Message);
        var files = outputs.Items.OfType<FileOutput>().Select(f => new InputFile("dataset", f.FileName, f.Path)).ToList();
        var dataset = LithologyFiles.ReadDataset(_geo, files);
        Assert.Equal(11 * 7 + 5 * 3, dataset.Tiles.Count);   // 1 degree = 10 cells, 2 degrees = 20 cells
        Assert.All(dataset.Tiles.Single(t => t.Name == "w0_r00000_c00000").Labels, l => Assert.Equal(1, l));   // 72-73E: Granite
        Assert.All(dataset.Tiles.Single(t => t.Name == "w0_r00030_c00050").Labels, l => Assert.Equal(0, l));   // 77-78E: Basalt
        Assert.Equal(CrsKind.Geographic, GdalRasterReader.Read(files.Single(f => f.FileName == "images/w1_r00000_c00000.tif").Path).CrsKind);
    }

    [Fact]
    public void BadInputsAreClearErrors()
    {
        string map = TwoUnits();
        string Error(GgmnetDatasetOptions o, string geology) => Assert.Throws<JobInputException>(() => Run(o, geology)).Message;
        var wrongField = Options(10_000);
        wrongField.ClassField = "rock";
        Assert.Contains("no field 'rock' (fields: lith)", Error(wrongField, map));
        Assert.Contains("larger than the grid (60x40 cells", Error(Options(100_000), map));
        Assert.Contains("at least 2x2 cells", Error(Options(1_000), map));
        Assert.Contains("no window size", Error(Options(), map).Replace("at least one window size", "no window size"));
        Assert.Contains("overlaps the gravity grid", Error(Options(10_000), Map("far", (Box(200, 200, 210, 210), "Granite"), (Box(210, 200, 220, 210), "Basalt"))));
        Assert.Contains("at least 2 classes", Error(Options(10_000), Map("single", (Box(-5, -5, 70, 45), "Granite"))));
        Assert.Contains("has no feature", Error(Options(10_000), Map("empty")));
        var tile = Options(10_000);
        tile.Tile = 4;
        Assert.StartsWith("tile:", Error(tile, map));
        log.WriteLine(Error(wrongField, map));
        log.WriteLine(Error(Options(100_000), map));
    }

    /// <summary>Points at cell centres (row, col), in a GeoPackage of the grid's CRS.</summary>
    private string Points(string name, params (double Row, double Col)[] cells)
    {
        var layer = new VectorLayer(name, _wkt, [new VectorField("id", VectorFieldType.Integer)],
            cells.Select((p, i) => new VectorFeature(Factory.CreatePoint(new Coordinate(X0 + (p.Col + 0.5) * Cell, Y0 - (p.Row + 0.5) * Cell)),
                new Dictionary<string, object?> { ["id"] = i })).ToList());
        string path = Path.Combine(_root, name + ".gpkg");
        OgrVectorWriter.WriteGeoPackage(path, name, layer);
        return path;
    }

    [Fact]
    public void HoldoutPointsHideTheLabelsAroundThemAndKeepTheirClasses()
    {
        // 10 km windows resampled to 10 x 10 tiles: tile cells are grid cells. Radius 2 km = 2 cells.
        var options = Options(10_000);
        options.Tile = 10;
        options.HoldoutRadius = 2000;
        var outputs = Run(options, TwoUnits(), holdout: Points("outcrops", (10, 5), (30, 40), (100, 100)));
        log.WriteLine(outputs.Result.ReportJson);
        var files = outputs.Items.OfType<FileOutput>().Where(f => f.Name == "dataset").Select(f => new InputFile("dataset", f.FileName, f.Path)).ToList();
        var dataset = LithologyFiles.ReadDataset(_geo, files);
        var points = LithologyFiles.ReadHoldout(files, dataset.Classes.Count);
        // Granite (id 1) west of column 20, Basalt (id 0) east; the third point is off the grid.
        Assert.Equal([(10, 5, 1), (30, 40, 0)], points.Select(p => (p.Row, p.Col, (int)p.ClassId)));
        Assert.Equal(X0 + 5.5 * Cell, points[0].X, 6);
        Assert.Equal(Y0 - 10.5 * Cell, points[0].Y, 6);

        // The window at rows 5-14, columns 0-9 holds the first point at tile cell (5, 5).
        var labels = dataset.Tiles.Single(t => t.Name == "w0_r00005_c00000").Labels;
        foreach (var (dr, dc, hidden) in new[] { (0, 0, true), (0, 2, true), (2, 0, true), (1, 1, true), (0, 3, false), (2, 1, false), (-3, 0, false) })
            Assert.Equal(hidden ? 255 : 1, labels[(5 + dr) * 10 + 5 + dc]);
        Assert.All(dataset.Tiles, t => Assert.Contains(t.Labels, l => l != 255));   // every tile kept

        using var report = JsonDocument.Parse(outputs.Result.ReportJson);
        var holdout = report.RootElement.GetProperty("holdout");
        Assert.Equal(2, holdout.GetProperty("points").GetInt32());
        Assert.Equal(2 * 13, holdout.GetProperty("hidden_cells").GetInt32());   // 13 cells with dr^2 + dc^2 <= 4 around each
    }

    [Fact]
    public void HoldoutPointsNeedARadiusAndAPointOnTheMap()
    {
        var noRadius = Options(10_000);
        Assert.StartsWith("holdout_radius:", Assert.Throws<JobInputException>(() => Run(noRadius, TwoUnits(), holdout: Points("p", (10, 5)))).Message);
        var options = Options(10_000);
        options.HoldoutRadius = 2000;
        var e = Assert.Throws<JobInputException>(() => Run(options, TwoUnits(), holdout: Points("far", (100, 100), (-50, 3))));
        Assert.StartsWith("holdout_points:", e.Message);
        Assert.Contains("none of the 2 features", e.Message);
        options.HoldoutRadius = double.NaN;
        Assert.StartsWith("holdout_radius:", Assert.Throws<JobInputException>(() => Run(options, TwoUnits(), holdout: Points("q", (10, 5)))).Message);
    }
}
