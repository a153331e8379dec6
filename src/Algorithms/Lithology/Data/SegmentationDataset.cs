using System.Security.Cryptography;
using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Lithology.Data;

/// <summary>A lithology class: id (the label value, 0..K-1), name and display colour "#rrggbb".</summary>
public sealed record LithologyClass(int Id, string Name, string Color);

/// <summary>Tile names of the train / validation / test subsets.</summary>
public sealed record DatasetSplit(IReadOnlyList<string> Train, IReadOnlyList<string> Val, IReadOnlyList<string> Test);

/// <summary>One dataset tile: C float bands (row-major, NaN = nodata) and uint8 labels (255 = ignore).</summary>
public sealed class SegmentationTile
{
    public const byte Ignore = 255;

    public SegmentationTile(string name, int width, int height, IReadOnlyList<float[]> bands, byte[] labels, GeoTransform? transform = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (width < 1 || height < 1) throw new ArgumentException($"tile '{name}': size must be positive, got {width}x{height}");
        if (bands is null || bands.Count == 0) throw new ArgumentException($"tile '{name}': no image band");
        for (int b = 0; b < bands.Count; b++)
            if (bands[b].Length != width * height)
                throw new ArgumentException($"tile '{name}': band {b} has {bands[b].Length} cells, expected {width}x{height}");
        if (labels is null || labels.Length != width * height)
            throw new ArgumentException($"tile '{name}': labels have {labels?.Length ?? 0} cells, expected {width}x{height}");
        Name = name;
        Width = width;
        Height = height;
        Bands = bands;
        Labels = labels;
        Transform = transform;
    }

    public string Name { get; }
    public int Width { get; }
    public int Height { get; }
    public IReadOnlyList<float[]> Bands { get; }
    public byte[] Labels { get; }
    public GeoTransform? Transform { get; }
}

/// <summary>
/// An in-memory lithology segmentation dataset (what images/NAME.tif, labels/NAME.tif, classes.json and
/// split.json hold on disk). Labels are class ids 0..K-1 or 255 (ignore).
/// </summary>
public sealed class SegmentationDataset
{
    public SegmentationDataset(IReadOnlyList<SegmentationTile> tiles, IReadOnlyList<LithologyClass> classes,
        DatasetSplit? split = null, IReadOnlyList<string>? bandNames = null)
    {
        if (tiles is null || tiles.Count == 0) throw new ArgumentException("the dataset has no tiles", nameof(tiles));
        ValidateClasses(classes);
        int channels = tiles[0].Bands.Count;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in tiles)
        {
            if (t.Bands.Count != channels)
                throw new ArgumentException($"tile '{t.Name}' has {t.Bands.Count} bands, tile '{tiles[0].Name}' has {channels}");
            if (!names.Add(t.Name)) throw new ArgumentException($"tile name '{t.Name}' appears twice");
            foreach (var l in t.Labels)
                if (l != SegmentationTile.Ignore && l >= classes.Count)
                    throw new ArgumentException($"tile '{t.Name}' has label {l}, but classes.json defines ids 0..{classes.Count - 1} (255 = ignore)");
        }
        if (split is not null)
            foreach (var n in split.Train.Concat(split.Val).Concat(split.Test))
                if (!names.Contains(n)) throw new ArgumentException($"split.json names tile '{n}', which is not in the dataset");
        Tiles = tiles;
        Classes = classes;
        Split = split;
        Channels = channels;
        BandNames = bandNames ?? [];
    }

    public IReadOnlyList<SegmentationTile> Tiles { get; }
    public IReadOnlyList<LithologyClass> Classes { get; }
    public DatasetSplit? Split { get; }
    public int Channels { get; }
    public IReadOnlyList<string> BandNames { get; }
    /// <summary>Ground size of the tiles' cells in metres (<see cref="GridScale.CellSizeMetres"/>); null when unknown.</summary>
    public double? CellSizeMetres { get; init; }

    /// <summary>Tiles of a subset ("train", "val", "test"); without a split every tile is in "train".</summary>
    public IReadOnlyList<SegmentationTile> Subset(string subset)
    {
        if (Split is null) return subset == "train" ? Tiles : [];
        var names = subset switch
        {
            "train" => Split.Train,
            "val" => Split.Val,
            "test" => Split.Test,
            _ => throw new ArgumentException($"unknown subset '{subset}' (train, val, test)", nameof(subset)),
        };
        var byName = Tiles.ToDictionary(t => t.Name, StringComparer.Ordinal);
        return names.Select(n => byName[n]).ToList();
    }

    /// <summary>SHA-256 over tile names, sizes, bands, labels and class names: identifies the training data in a model card.</summary>
    public string ContentHash()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var c in Classes) sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{c.Id}:{c.Name};"));
        foreach (var t in Tiles.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{t.Name}:{t.Width}x{t.Height};"));
            foreach (var b in t.Bands) sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(b.AsSpan()));
            sha.AppendData(t.Labels);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static void ValidateClasses(IReadOnlyList<LithologyClass> classes)
    {
        if (classes is null || classes.Count < 2) throw new ArgumentException("classes: at least 2 classes are needed", nameof(classes));
        if (classes.Count > 255) throw new ArgumentException($"classes: at most 255 classes fit uint8 labels, got {classes.Count}");
        for (int i = 0; i < classes.Count; i++)
            if (classes[i].Id != i)
                throw new ArgumentException($"classes: ids must be 0..{classes.Count - 1} in order; entry {i} has id {classes[i].Id}");
    }
}
