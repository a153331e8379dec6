using System.Text.Json;
using System.Text.Json.Serialization;

namespace GisBridge.Algorithms.Lithology.Data;

/// <summary>Reads and writes classes.json (<c>[{"id":0,"name":"Granite","color":"#d04040"}, ...]</c>), split.json and
/// holdout.json (the held-out points of an outcrop-based validation, <see cref="PointHoldout"/>).</summary>
public static class DatasetJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
    };

    private sealed record ClassDto(int Id, string? Name, string? Color);
    private sealed record SplitDto(
        [property: JsonPropertyName("train")] List<string>? Train,
        [property: JsonPropertyName("val")] List<string>? Val,
        [property: JsonPropertyName("test")] List<string>? Test);

    public static string WriteClasses(IReadOnlyList<LithologyClass> classes) =>
        JsonSerializer.Serialize(classes.Select(c => new ClassDto(c.Id, c.Name, c.Color)), Options);

    public static IReadOnlyList<LithologyClass> ReadClasses(TextReader reader)
    {
        List<ClassDto>? dto;
        try { dto = JsonSerializer.Deserialize<List<ClassDto>>(reader.ReadToEnd(), Options); }
        catch (JsonException e) { throw new ArgumentException($"classes.json: invalid JSON ({e.Message})", e); }
        if (dto is null || dto.Count == 0) throw new ArgumentException("classes.json: no class defined");
        var classes = dto.OrderBy(c => c.Id).Select(c => new LithologyClass(c.Id,
            string.IsNullOrWhiteSpace(c.Name) ? $"class {c.Id}" : c.Name!,
            string.IsNullOrWhiteSpace(c.Color) ? DefaultColor(c.Id) : c.Color!)).ToList();
        for (int i = 0; i < classes.Count; i++)
            if (classes[i].Id != i)
                throw new ArgumentException($"classes.json: ids must be 0..{classes.Count - 1} without gaps; missing id {i}");
        return classes;
    }

    public static string WriteSplit(DatasetSplit split) =>
        JsonSerializer.Serialize(new SplitDto([.. split.Train], [.. split.Val], [.. split.Test]), Options);

    public static DatasetSplit ReadSplit(TextReader reader)
    {
        SplitDto? dto;
        try { dto = JsonSerializer.Deserialize<SplitDto>(reader.ReadToEnd(), Options); }
        catch (JsonException e) { throw new ArgumentException($"split.json: invalid JSON ({e.Message})", e); }
        if (dto?.Train is null || dto.Train.Count == 0) throw new ArgumentException("split.json: 'train' is missing or empty");
        return new DatasetSplit(dto.Train, dto.Val ?? [], dto.Test ?? []);
    }

    private sealed record HoldoutDto(int Row, int Col, double X, double Y, int ClassId);

    public static string WriteHoldout(IReadOnlyList<HoldoutPoint> points) =>
        JsonSerializer.Serialize(points.Select(p => new HoldoutDto(p.Row, p.Col, p.X, p.Y, p.ClassId)), Options);

    public static IReadOnlyList<HoldoutPoint> ReadHoldout(TextReader reader, int classes)
    {
        List<HoldoutDto>? dto;
        try { dto = JsonSerializer.Deserialize<List<HoldoutDto>>(reader.ReadToEnd(), Options); }
        catch (JsonException e) { throw new ArgumentException($"holdout.json: invalid JSON ({e.Message})", e); }
        if (dto is null || dto.Count == 0) throw new ArgumentException("holdout.json: no point");
        foreach (var p in dto)
            if (p.ClassId < 0 || p.ClassId >= classes || !double.IsFinite(p.X) || !double.IsFinite(p.Y))
                throw new ArgumentException($"holdout.json: point at row {p.Row}, col {p.Col} has class {p.ClassId} or coordinates ({p.X}, {p.Y}) outside classes.json's 0..{classes - 1} or not finite");
        return dto.Select(p => new HoldoutPoint(p.Row, p.Col, p.X, p.Y, (byte)p.ClassId)).ToList();
    }

    /// <summary>A distinct colour for classes without one (golden-angle hue steps).</summary>
    public static string DefaultColor(int id)
    {
        double h = (id * 137.508) % 360 / 60.0;
        double x = 1 - Math.Abs(h % 2 - 1);
        (double r, double g, double b) = (int)h switch { 0 => (1.0, x, 0.0), 1 => (x, 1.0, 0.0), 2 => (0.0, 1.0, x), 3 => (0.0, x, 1.0), 4 => (x, 0.0, 1.0), _ => (1.0, 0.0, x) };
        return $"#{(int)(r * 200 + 30):x2}{(int)(g * 200 + 30):x2}{(int)(b * 200 + 30):x2}";
    }
}
