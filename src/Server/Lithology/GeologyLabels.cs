using System.Globalization;
using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Lithology.Data;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Lithology;

/// <summary>
/// Turns a geological vector map into a label grid on the gravity grid: classes are the distinct values of the class
/// field (sorted: numerically for numeric fields, ordinally for text), ids 0..K-1 in that order, colours from the
/// map's own colour table where given, else a fixed palette; polygons are burnt by GDAL (reprojected when the CRSs differ); cover polygons mark cells as covered.
/// </summary>
public static class GeologyLabels
{
    private const string IdField = "gisbridge_class_id";

    /// <summary>Qualitative palette for the first classes (then DatasetJson.DefaultColor).</summary>
    private static readonly string[] Palette =
    [
        "#d04040", "#4070d0", "#40a040", "#e0a020", "#9050c0", "#20b0b0", "#c06090", "#808040",
        "#a06030", "#6080a0", "#e07050", "#50c070",
    ];

    public sealed record Labels(byte[] Ids, IReadOnlyList<LithologyClass> Classes);

    public static Labels Rasterize(VectorLayer geology, string classField, RasterGrid grid, IReadOnlyDictionary<string, string>? colours = null)
    {
        if (geology.Features.Count == 0) throw new JobInputException("geology", $"layer '{geology.Name}' has no feature");
        if (string.IsNullOrWhiteSpace(classField)) throw new JobInputException("class_field", "give the field that holds the lithology class");
        var field = geology.Field(classField) ?? throw new JobInputException("class_field",
            $"layer '{geology.Name}' has no field '{classField}' (fields: {string.Join(", ", geology.Fields.Select(f => f.Name))})");
        bool numeric = field.Type is VectorFieldType.Integer or VectorFieldType.Integer64 or VectorFieldType.Real;
        var values = geology.Features.Select(f => f.Text(field.Name)).ToList();
        var distinct = values.Where(v => v is not null).Select(v => v!).Distinct(StringComparer.Ordinal).ToList();
        distinct = numeric
            ? [.. distinct.OrderBy(v => double.Parse(v, CultureInfo.InvariantCulture))]
            : [.. distinct.Order(StringComparer.Ordinal)];
        if (distinct.Count < 2)
            throw new JobInputException("class_field", $"field '{field.Name}' has {distinct.Count} distinct value(s); at least 2 classes are needed");
        if (distinct.Count > 254)
            throw new JobInputException("class_field", $"field '{field.Name}' has {distinct.Count} distinct values; at most 254 classes fit uint8 labels");
        var idOf = distinct.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i, StringComparer.Ordinal);
        var features = new List<VectorFeature>();
        for (int i = 0; i < geology.Features.Count; i++)
            if (values[i] is { } v && geology.Features[i].Geometry is { } g)
                features.Add(new VectorFeature(g, new Dictionary<string, object?> { [IdField] = idOf[v] }));
        var idLayer = new VectorLayer(geology.Name, geology.CrsWkt, [new VectorField(IdField, VectorFieldType.Integer)], features);
        var ids = GdalRasterizer.Rasterize(idLayer, IdField, grid.Width, grid.Height, grid.Transform, grid.CrsWkt, SegmentationTile.Ignore);
        var classes = distinct.Select((name, i) => new LithologyClass(i, name,
            colours?.GetValueOrDefault(name) ?? (i < Palette.Length ? Palette[i] : DatasetJson.DefaultColor(i)))).ToList();
        return new Labels(ids, classes);
    }

    /// <summary>Cells of the grid whose centre lies under a cover polygon.</summary>
    public static bool[] CoverMask(VectorLayer cover, RasterGrid grid)
    {
        var features = cover.Features.Where(f => f.Geometry is not null)
            .Select(f => new VectorFeature(f.Geometry, new Dictionary<string, object?> { [IdField] = 1 })).ToList();
        if (features.Count == 0) return new bool[grid.Width * grid.Height];
        var layer = new VectorLayer(cover.Name, cover.CrsWkt, [new VectorField(IdField, VectorFieldType.Integer)], features);
        var burnt = GdalRasterizer.Rasterize(layer, IdField, grid.Width, grid.Height, grid.Transform, grid.CrsWkt, 0);
        return Array.ConvertAll(burnt, b => b == 1);
    }

    /// <summary>Cells of the grid that hold a point of <paramref name="points"/> (burnt by GDAL, reprojected when the
    /// CRSs differ; other geometry types burn the cells they touch).</summary>
    public static bool[] PointCells(VectorLayer points, RasterGrid grid) => CoverMask(points, grid);
}
