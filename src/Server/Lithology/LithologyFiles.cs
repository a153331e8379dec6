using TorchSharp.PyBridge;
using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Lithology.Data;
using GisBridge.Algorithms.Lithology.Training;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Lithology;

/// <summary>
/// The on-disk forms of the lithology capability. Dataset folder: images/NAME.tif (float32, C bands),
/// labels/NAME.tif (uint8 class id, 255 = ignore), classes.json, optional split.json and holdout.json. Model folder:
/// model.card.json (a GGMNet's MRFEM genotype resolved into it) + model.weights (TorchSharp module format) +
/// model.safetensors (the same parameters and buffers by name, through TorchSharp.PyBridge, for PyTorch:
/// bench/ggmnet_torch.py).
/// </summary>
public static class LithologyFiles
{
    public const string CardFile = "model.card.json", WeightsFile = "model.weights", PortableWeightsFile = "model.safetensors";

    /// <summary>
    /// Writes a dataset into <paramref name="folder"/> and returns the files written (relative name, path). Tiles are
    /// georeferenced by their transforms in <paramref name="crsWkt"/> (none: a local projected frame).
    /// </summary>
    public static List<(string FileName, string Path)> WriteDataset(IGeoIo geo, SegmentationDataset d, string folder,
        string crsWkt = "", CrsKind crsKind = CrsKind.Projected)
    {
        var written = new List<(string, string)>();
        Directory.CreateDirectory(Path.Combine(folder, "images"));
        Directory.CreateDirectory(Path.Combine(folder, "labels"));
        foreach (var t in d.Tiles)
        {
            var gt = t.Transform ?? new GeoTransform(0, 1, 0, t.Height, 0, -1);
            var image = new RasterGrid(t.Width, t.Height, gt, t.Bands) { CrsWkt = crsWkt, CrsKind = crsKind, BandNames = d.BandNames };
            var labels = new RasterGrid(t.Width, t.Height, gt, [Array.ConvertAll(t.Labels, v => v == SegmentationTile.Ignore ? float.NaN : v)])
            {
                CrsWkt = crsWkt,
                CrsKind = crsKind,
                NoData = SegmentationTile.Ignore,
                CategoryNames = d.Classes.Select(c => c.Name).ToList(),
                CategoryColors = d.Classes.Select(c => c.Color).ToList(),
            };
            foreach (var (sub, grid, type) in new[] { ("images", image, RasterDataType.Float32), ("labels", labels, RasterDataType.Uint8) })
            {
                string rel = $"{sub}/{t.Name}.tif", path = Path.Combine(folder, sub, t.Name + ".tif");
                geo.WriteRaster(path, grid, type);
                written.Add((rel, path));
            }
        }
        written.Add(WriteText(folder, "classes.json", DatasetJson.WriteClasses(d.Classes)));
        if (d.Split is not null) written.Add(WriteText(folder, "split.json", DatasetJson.WriteSplit(d.Split)));
        return written;
    }

    public const string HoldoutFile = "holdout.json";

    /// <summary>Writes the held-out points of an outcrop-based validation beside a dataset.</summary>
    public static (string FileName, string Path) WriteHoldout(IReadOnlyList<HoldoutPoint> points, string folder) =>
        WriteText(folder, HoldoutFile, DatasetJson.WriteHoldout(points));

    /// <summary>The dataset's held-out points; refused when it has none.</summary>
    public static IReadOnlyList<HoldoutPoint> ReadHoldout(IReadOnlyList<InputFile> files, int classes)
    {
        var file = files.FirstOrDefault(f => f.FileName.Replace('\\', '/') == HoldoutFile)
            ?? throw new JobInputException("subset", $"the dataset has no {HoldoutFile}: build it with holdout points (ggmnet-dataset --holdout-points)");
        using var r = File.OpenText(file.Path);
        try { return DatasetJson.ReadHoldout(r, classes); }
        catch (ArgumentException e) { throw new JobInputException("dataset", e.Message); }
    }

    /// <summary>Reads a dataset from its files (relative name -> path), pairing images and labels by tile name.</summary>
    public static SegmentationDataset ReadDataset(IGeoIo geo, IReadOnlyList<InputFile> files)
    {
        var byName = files.ToDictionary(f => f.FileName.Replace('\\', '/'), f => f.Path, StringComparer.Ordinal);
        if (!byName.TryGetValue("classes.json", out var classesPath))
            throw new JobInputException("dataset", "classes.json is missing");
        IReadOnlyList<LithologyClass> classes;
        using (var r = File.OpenText(classesPath)) classes = DatasetJson.ReadClasses(r);
        DatasetSplit? split = null;
        if (byName.TryGetValue("split.json", out var splitPath))
            using (var r = File.OpenText(splitPath)) split = DatasetJson.ReadSplit(r);
        var images = byName.Keys.Where(k => k.StartsWith("images/", StringComparison.Ordinal) && k.EndsWith(".tif", StringComparison.OrdinalIgnoreCase)).Order().ToList();
        if (images.Count == 0) throw new JobInputException("dataset", "no images/NAME.tif file: the dataset is empty");
        var tiles = new List<SegmentationTile>();
        IReadOnlyList<string> bandNames = [];
        double? cellSize = null;
        foreach (var img in images)
        {
            string name = Path.GetFileNameWithoutExtension(img);
            if (!byName.TryGetValue($"labels/{name}.tif", out var labelPath))
                throw new JobInputException("dataset", $"labels/{name}.tif is missing for {img}");
            var grid = geo.ReadRaster(byName[img]);
            var lab = geo.ReadRaster(labelPath);
            if (lab.Width != grid.Width || lab.Height != grid.Height)
                throw new JobInputException("dataset", $"{img} is {grid.Width}x{grid.Height} but its labels are {lab.Width}x{lab.Height}");
            var labels = Array.ConvertAll(lab.Bands[0], v => float.IsFinite(v) && v >= 0 && v < 255 ? (byte)v : SegmentationTile.Ignore);
            tiles.Add(new SegmentationTile(name, grid.Width, grid.Height, grid.Bands, labels, grid.Transform));
            bandNames = grid.BandNames;
            cellSize ??= GridScale.CellSizeMetres(grid.Transform, grid.Width, grid.Height, grid.CrsKind, grid.LinearUnitMetres);
        }
        return new SegmentationDataset(tiles, classes, split, bandNames) { CellSizeMetres = cellSize };
    }

    public static void WriteModel(LithologyModel model, string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, CardFile), PortableCard(model.Card).ToJson());
        using (var s = File.Create(Path.Combine(folder, WeightsFile))) model.SaveWeights(s);
        using var portable = File.Create(Path.Combine(folder, PortableWeightsFile));
        WritePortableWeights(model, portable);
    }

    /// <summary>The state dict (parameters and BN statistics) as safetensors, written by TorchSharp.PyBridge: PyTorch,
    /// NumPy and most frameworks read it without TorchSharp (bench/ggmnet_torch.py rebuilds the network from it and
    /// the card).</summary>
    public static void WritePortableWeights(LithologyModel model, Stream stream) =>
        Safetensors.SaveStateDict(stream, model.Network.state_dict(), leaveOpen: true);

    /// <summary>The card as written beside the weights: a GGMNet's genotype resolved into it (the default one named
    /// explicitly), so that the folder alone says which network the weights belong to.</summary>
    public static ModelCard PortableCard(ModelCard card) =>
        card.Arch == GisBridge.Algorithms.Lithology.Network.Ggmnet.ArchName && card.Config.GenotypeJson is null
            ? card with { Config = card.Config with { GenotypeJson = card.Config.ResolveGenotype().ToJson() } }
            : card;

    public static LithologyModel ReadModel(string cardPath, string weightsPath, string device)
    {
        if (!File.Exists(cardPath)) throw new JobInputException("model", $"{CardFile} not found");
        if (!File.Exists(weightsPath)) throw new JobInputException("model", $"{WeightsFile} not found");
        var card = ModelCard.FromJson(File.ReadAllText(cardPath));
        using var s = File.OpenRead(weightsPath);
        return LithologyModel.Load(card, s, device);
    }

    /// <summary>The model in a model folder (model.card.json, model.weights).</summary>
    public static LithologyModel ReadModel(string folder, string device) =>
        ReadModel(Path.Combine(folder, CardFile), Path.Combine(folder, WeightsFile), device);

    /// <summary>The model from streamed files "model" (model.card.json, model.weights) or a server folder.</summary>
    public static LithologyModel ReadModel(JobInputs inputs, string? folder, string device)
    {
        if (!string.IsNullOrWhiteSpace(folder)) return ReadModel(folder, device);
        var files = inputs.FilesNamed("model");
        string? card = files.FirstOrDefault(f => Path.GetFileName(f.FileName) == CardFile)?.Path;
        string? weights = files.FirstOrDefault(f => Path.GetFileName(f.FileName) == WeightsFile)?.Path;
        if (card is null || weights is null)
            throw new JobInputException("model", $"give the model folder or the files {CardFile} and {WeightsFile}");
        return ReadModel(card, weights, device);
    }

    private static (string, string) WriteText(string folder, string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return (name, path);
    }
}
