using System.Text.Json;
using System.Text.Json.Serialization;

namespace GisBridge.Algorithms.Lithology.Data;

/// <summary>Reads and writes classes.json (<c>[{"id":0,"name":"Granite","color":"#d04040"}, ...]</c>) and split.json.</summary>
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

    /// <summary>A distinct colour for classes without one (golden-angle hue steps).</summary>
    public static string DefaultColor(int id)
    {
        double h = (id * 137.508) % 360 / 60.0;
        double x = 1 - Math.Abs(h % 2 - 1);
        (double r, double g, double b) = (int)h switch { 0 => (1.0, x, 0.0), 1 => (x, 1.0, 0.0), 2 => (0.0, 1.0, x), 3 => (0.0, x, 1.0), 4 => (x, 0.0, 1.0), _ => (1.0, 0.0, x) };
        return $"#{(int)(r * 200 + 30):x2}{(int)(g * 200 + 30):x2}{(int)(b * 200 + 30):x2}";
    }
}
