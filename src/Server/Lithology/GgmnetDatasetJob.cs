using System.Text.Json;
using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Lithology.Data;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Io.Sep;
using GisBridge.Server.Jobs;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Lithology;

/// <summary>
/// Dataset builder (RPC Lithology.GgmnetDataset, verb `ggmnet-dataset`): raster "gravity", vector file "geology"
/// (polygons with a class field), optional vector file "cover", optional raster files "channel" (any number, resampled
/// onto the gravity grid: <see cref="ChannelStack"/>). The map is rasterised on the gravity grid, windows of
/// each size (degrees on geographic grids, metres on projected ones, map units without a CRS) slide with a stride of
/// stride_fraction x window and are resampled to tile x tile cells. Tiles with under 10 % outcrop (labelled cells not
/// under cover) form the test set, 15 % of the others (seeded draw) the validation set. Output files "dataset":
/// images/NAME.tif, labels/NAME.tif, classes.json, split.json and class_frequencies.json (training-set frequencies
/// for the loss weights). Defaults: tile 256, stride_fraction 0.5. With a vector file "holdout_points" the labels
/// within holdout_radius of each point are hidden and the points' classes written to holdout.json
/// (<see cref="PointHoldout"/>).
/// </summary>
public sealed class GgmnetDatasetJob(IGeoIo geo) : IJob<Proto.GgmnetDatasetOptions>
{
    /// <summary>Most tiles one dataset may hold (each is tile x tile x bands floats in memory).</summary>
    public const int MaxTiles = 20_000;

    /// <summary>Most window sizes in one dataset (each is a pass over the grid).</summary>
    public const int MaxWindowSizes = 16;

    public void Validate(Proto.GgmnetDatasetOptions options)
    {
        OptionChecks.Range(options.Tile, 8, 4096, "tile");
        if (options.StrideFraction != 0 && !(options.StrideFraction > 0 && options.StrideFraction <= 1))
            throw new JobInputException("stride_fraction", $"must be in (0, 1], got {options.StrideFraction}");
        if (options.Windows.Count == 0) throw new JobInputException("windows", "give at least one window size");
        OptionChecks.Count(options.Windows.Count, MaxWindowSizes, "windows");
        for (int i = 0; i < options.Windows.Count; i++)
            if (!(double.IsFinite(options.Windows[i]) && options.Windows[i] > 0))
                throw new JobInputException($"windows[{i}]", $"a window size must be a finite number > 0, got {options.Windows[i]}");
        OptionChecks.Range(options.SpatialTestFraction, 0, 0.9, "spatial_test_fraction");
        OptionChecks.Range(options.SpatialValFraction, 0, 0.9, "spatial_val_fraction");
        if (options.SpatialTestFraction + options.SpatialValFraction >= 1)
            throw new JobInputException("spatial_test_fraction", $"test ({options.SpatialTestFraction}) and validation ({options.SpatialValFraction}) fractions leave no training area");
        if (!(double.IsFinite(options.HoldoutRadius) && options.HoldoutRadius >= 0))
            throw new JobInputException("holdout_radius", $"must be a finite distance >= 0, got {options.HoldoutRadius}");
    }

    public InputNeeds Needs(Proto.GgmnetDatasetOptions options) => new(["gravity"], ["geology"]);

    public void Run(Proto.GgmnetDatasetOptions options, JobInputs inputs, JobOutputs outputs, JobContext context)
    {
        Validate(options);
        int tile = options.Tile == 0 ? 256 : options.Tile;
        double stride = options.StrideFraction == 0 ? 0.5 : options.StrideFraction;
        context.Report(0, "reading", "reading the gravity grid and the geological map");
        var gravity = ChannelStack.Stack(inputs.Raster("gravity"), inputs, context.Cancellation);
        if (gravity.Transform.IsRotated) throw new JobInputException("gravity", "rotated grids are not supported; warp the grid north-up first");
        var windowCells = options.Windows.Select((w, i) => WindowCells(w, i, gravity)).ToList();
        var geology = OgrVectorReader.Read(inputs.VectorFilePath("geology"));
        var colours = inputs.HasFile(ClassColorTable.Role) ? ClassColorTable.Read(inputs.FilesNamed(ClassColorTable.Role)[0].Path) : null;
        var labels = GeologyLabels.Rasterize(geology, options.ClassField, gravity, colours);
        if (colours is not null && labels.Classes.Where(c => !colours.ContainsKey(c.Name)).Select(c => c.Name).ToList() is { Count: > 0 } missing)
            outputs.Warn($"the colour table has no row for {string.Join(", ", missing)}; those classes keep GisBridge's palette");
        int labelled = labels.Ids.Count(l => l != SegmentationTile.Ignore);
        if (labelled == 0)
            throw new JobInputException("geology", $"no polygon of layer '{geology.Name}' overlaps the gravity grid (check the CRSs and extents)");
        var ids = labels.Ids;
        int covered = 0;
        if (inputs.HasFile("cover"))
        {
            var mask = GeologyLabels.CoverMask(OgrVectorReader.Read(inputs.VectorFilePath("cover")), gravity);
            covered = mask.Count(c => c);
            ids = DatasetWindows.MaskCover(ids, mask);
        }
        ids = MaskNoData(ids, gravity);
        var (holdout, trainIds) = Holdout(options, inputs, outputs, gravity, ids);
        context.Cancellation.ThrowIfCancellationRequested();

        var windows = windowCells.SelectMany((c, s) => Place(gravity, c, stride, s)).ToList();
        if (windows.Count > MaxTiles)
            throw new ResourceLimitException($"windows: {windows.Count} tiles exceed the limit of {MaxTiles}; use larger windows or stride_fraction");
        var tiles = new List<SegmentationTile>();
        var outcrops = new List<(string, double)>();
        var columns = new List<(string, int, int)>();
        int skipped = 0;
        for (int k = 0; k < windows.Count; k++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var w = windows[k];
            var tileLabels = DatasetWindows.ResampleNearest(ids, gravity.Width, gravity.Height, w, tile);
            double outcrop = DatasetWindows.OutcropFraction(tileLabels);
            if (outcrop == 0) { skipped++; continue; }   // nothing to learn or score: fully covered, unmapped or nodata
            // Held-out labels are hidden after the choice, so that the tiles over the points stay (their images are scored).
            if (holdout.Count > 0) tileLabels = DatasetWindows.ResampleNearest(trainIds, gravity.Width, gravity.Height, w, tile);
            var bands = gravity.Bands.Select(b => DatasetWindows.ResampleBilinear(b, gravity.Width, gravity.Height, w, tile)).ToList();
            string name = $"w{w.Scale}_r{w.Row:D5}_c{w.Col:D5}";
            tiles.Add(new SegmentationTile(name, tile, tile, bands, tileLabels, TileTransform(gravity.Transform, w, tile)));
            outcrops.Add((name, outcrop));
            columns.Add((name, w.Col, w.Col + w.Width));
            if (k % 16 == 0) context.Report(0.1 + 0.6 * k / windows.Count, "clipping", $"window {k + 1}/{windows.Count}");
        }
        if (tiles.Count == 0) throw new JobInputException("geology", "every window is fully covered or unmapped: no tile has a labelled cell");
        DatasetSplit split;
        int straddling = 0;
        try
        {
            if (options.SpatialTestFraction > 0)
                (split, straddling) = SpatialSplitter.Split(columns, gravity.Width, options.SpatialTestFraction,
                    options.SpatialValFraction == 0 ? 0.15 : options.SpatialValFraction);
            else
                split = DatasetSplitter.Split(outcrops, new DatasetSplitOptions { Seed = options.Seed });
        }
        catch (ArgumentException e) { throw new JobInputException(options.SpatialTestFraction > 0 ? "spatial_test_fraction" : "geology", e.Message); }
        if (straddling > 0)
        {
            var kept = split.Train.Concat(split.Val).Concat(split.Test).ToHashSet(StringComparer.Ordinal);
            tiles = tiles.Where(t => kept.Contains(t.Name)).ToList();
            outputs.Warn($"spatial split: {straddling} tiles straddling the train/val/test cuts were left out");
        }
        var bandNames = gravity.BandNames.Count == gravity.Bands.Count ? gravity.BandNames
            : gravity.Bands.Count == 1 ? ["gravity"] : gravity.Bands.Select((_, b) => $"gravity_{b + 1}").ToList();
        var dataset = new SegmentationDataset(tiles, labels.Classes, split, bandNames);

        context.Report(0.7, "writing", $"writing {tiles.Count} tiles");
        var folder = Path.Combine(context.WorkDir, "dataset");
        foreach (var (fileName, path) in LithologyFiles.WriteDataset(geo, dataset, folder, gravity.CrsWkt, gravity.CrsKind))
            outputs.AddFile("dataset", path, fileName);
        if (holdout.Count > 0)
        {
            var (holdoutName, holdoutPath) = LithologyFiles.WriteHoldout(holdout, folder);
            outputs.AddFile("dataset", holdoutPath, holdoutName);
        }
        var trainSet = split.Train.ToHashSet(StringComparer.Ordinal);
        var counts = DatasetSplitter.ClassCounts(tiles.Where(t => trainSet.Contains(t.Name)).Select(t => t.Labels), labels.Classes.Count);
        var frequencies = DatasetSplitter.Frequencies(counts);
        var classStats = labels.Classes.Select(c => new { id = c.Id, name = c.Name, cells = counts[c.Id], frequency = frequencies[c.Id] }).ToList();
        var freqPath = Path.Combine(folder, "class_frequencies.json");
        File.WriteAllText(freqPath, JsonSerializer.Serialize(classStats, new JsonSerializerOptions { WriteIndented = true }));
        outputs.AddFile("dataset", freqPath, "class_frequencies.json");
        foreach (var c in classStats.Where(c => c.cells == 0))
            outputs.Warn($"class '{c.name}' has no cell in the training tiles");

        outputs.Result.Message = $"{tiles.Count} tiles {tile}x{tile} from {windowCells.Count} window sizes, {labels.Classes.Count} classes; " +
            $"train {split.Train.Count}, val {split.Val.Count}, test {split.Test.Count}" + (skipped > 0 ? $"; {skipped} windows without labels skipped" : "");
        outputs.Result.ReportJson = JsonSerializer.Serialize(new
        {
            tiles = tiles.Count, tile, stride_fraction = stride, skipped_windows = skipped,
            windows = options.Windows.Select((w, i) => new { size = w, cells_x = windowCells[i].X, cells_y = windowCells[i].Y, tiles = tiles.Count(t => t.Name.StartsWith($"w{i}_", StringComparison.Ordinal)) }),
            grid = new { width = gravity.Width, height = gravity.Height, crs = gravity.CrsKind.ToString() },
            labelled_cells = labelled, covered_cells = covered,
            split = new { train = split.Train.Count, val = split.Val.Count, test = split.Test.Count,
                rule = options.SpatialTestFraction > 0 ? "spatial" : "outcrop", straddling_dropped = straddling },
            holdout = holdout.Count == 0 ? null : new { points = holdout.Count, radius = options.HoldoutRadius,
                hidden_cells = ids.Zip(trainIds).Count(p => p.First != SegmentationTile.Ignore && p.Second == SegmentationTile.Ignore) },
            classes = classStats, dataset_hash = dataset.ContentHash(),
        });
        context.Report(1, "done", outputs.Result.Message);
    }

    /// <summary>The held-out points (none without a "holdout_points" file) and the labels with their surroundings hidden.</summary>
    private static (IReadOnlyList<HoldoutPoint> Points, byte[] TrainIds) Holdout(Proto.GgmnetDatasetOptions options, JobInputs inputs,
        JobOutputs outputs, RasterGrid grid, byte[] ids)
    {
        if (!inputs.HasFile("holdout_points")) return ([], ids);
        if (options.HoldoutRadius <= 0)
            throw new JobInputException("holdout_radius", "give the radius around each holdout point whose labels are hidden (> 0, in the units of windows)");
        var layer = OgrVectorReader.Read(inputs.VectorFilePath("holdout_points"));
        var cells = GeologyLabels.PointCells(layer, grid);
        var (points, unlabelled) = PointHoldout.Points(cells, ids, grid.Width, grid.Height, grid.Transform);
        if (points.Count == 0)
            throw new JobInputException("holdout_points", $"none of the {layer.Features.Count} features of layer '{layer.Name}' lies on a labelled cell of the grid (check the CRSs and extents)");
        if (unlabelled > 0) outputs.Warn($"holdout_points: {unlabelled} point cells have no label (outside the map, under cover or nodata) and are not scored");
        if (points.Count + unlabelled < layer.Features.Count)
            outputs.Warn($"holdout_points: {layer.Features.Count - points.Count - unlabelled} of {layer.Features.Count} features lie off the grid or share a cell with another");
        double unit = grid.CrsKind == CrsKind.Projected ? grid.LinearUnitMetres : 1.0;
        double rx = options.HoldoutRadius / (Math.Abs(grid.Transform.PixelWidth) * unit), ry = options.HoldoutRadius / (Math.Abs(grid.Transform.PixelHeight) * unit);
        return (points, PointHoldout.Hide(ids, grid.Width, grid.Height, points, rx, ry));
    }

    /// <summary>Window size in cells along x and y from its size in map units (degrees or metres).</summary>
    private static (int X, int Y) WindowCells(double size, int index, RasterGrid grid)
    {
        if (!(size > 0) || !double.IsFinite(size)) throw new JobInputException("windows", $"window {index} must be a positive size, got {size}");
        double unit = grid.CrsKind == CrsKind.Projected ? grid.LinearUnitMetres : 1.0;   // metres per map unit
        double dx = Math.Abs(grid.Transform.PixelWidth) * unit, dy = Math.Abs(grid.Transform.PixelHeight) * unit;
        int cx = (int)Math.Round(size / dx), cy = (int)Math.Round(size / dy);
        string u = grid.CrsKind switch { CrsKind.Geographic => "°", CrsKind.Projected => " m", _ => " map units" };
        if (cx < 2 || cy < 2)
            throw new JobInputException("windows", $"window {size}{u} is {cx}x{cy} cells (cell {dx:0.######}x{dy:0.######}{u}); at least 2x2 cells are needed");
        if (cx > grid.Width || cy > grid.Height)
            throw new JobInputException("windows", $"window {size}{u} ({cx}x{cy} cells) is larger than the grid ({grid.Width}x{grid.Height} cells, " +
                $"{grid.Width * dx:0.###}x{grid.Height * dy:0.###}{u})");
        return (cx, cy);
    }

    private static IReadOnlyList<DatasetWindow> Place(RasterGrid g, (int X, int Y) c, double stride, int scale) =>
        DatasetWindows.Place(g.Width, g.Height, c.X, c.Y, stride, scale);

    private static GeoTransform TileTransform(GeoTransform gt, DatasetWindow w, int tile) =>
        new(gt.OriginX + w.Col * gt.PixelWidth, gt.PixelWidth * w.Width / tile, 0,
            gt.OriginY + w.Row * gt.PixelHeight, 0, gt.PixelHeight * w.Height / tile);

    /// <summary>Cells without any finite gravity value carry no information: their labels are ignored.</summary>
    private static byte[] MaskNoData(byte[] ids, RasterGrid grid)
    {
        var result = (byte[])ids.Clone();
        for (int i = 0; i < result.Length; i++)
            if (grid.Bands.All(b => !float.IsFinite(b[i]))) result[i] = SegmentationTile.Ignore;
        return result;
    }
}
