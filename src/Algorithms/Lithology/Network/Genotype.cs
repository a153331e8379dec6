using System.Text.Json;
using System.Text.Json.Serialization;

namespace GisBridge.Algorithms.Lithology.Network;

/// <summary>One MRFEM layer of a branch: an operator of the search space and its width expansion.</summary>
public sealed record GenotypeLayer(
    [property: JsonPropertyName("op")] string Op,
    [property: JsonPropertyName("expansion")] int Expansion);

/// <summary>
/// One resolution branch of the multi-resolution feature extraction module. <see cref="Scale"/> is the
/// downsampling (8, 16 or 32). The 1/8 branch starts on the encoder output; the 1/16 (1/32) branch starts on the
/// output of the first <see cref="From"/> layers of the 1/8 (1/16) branch, its first layer having stride 2.
/// </summary>
public sealed record GenotypeBranch(
    [property: JsonPropertyName("scale")] int Scale,
    [property: JsonPropertyName("from")] int From,
    [property: JsonPropertyName("layers")] IReadOnlyList<GenotypeLayer> Layers);

/// <summary>
/// The searched architecture of the MRFEM as a JSON document:
/// <c>{"name":"...","branches":[{"scale":8,"from":0,"layers":[{"op":"conv","expansion":4},...]},...]}</c>.
/// Operators (paper, Table 3): conv, conv2 (2-layer conv), zoomed_conv, zoomed_conv2, skip; expansions 2/4/6/8
/// (a layer has expansion x width-unit channels).
/// </summary>
public sealed record Genotype(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("branches")] IReadOnlyList<GenotypeBranch> Branches)
{
    public static readonly IReadOnlySet<string> Operators =
        new HashSet<string>(StringComparer.Ordinal) { "conv", "conv2", "zoomed_conv", "zoomed_conv2", "skip" };

    public static readonly IReadOnlySet<int> Expansions = new HashSet<int> { 2, 4, 6, 8 };

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Layers per branch (the MRFEM depth).</summary>
    public int Depth => Branches.Count == 0 ? 0 : Branches.Max(b => b.Layers.Count);

    public static Genotype Parse(string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        Genotype? g;
        try { g = JsonSerializer.Deserialize<Genotype>(json); }
        catch (JsonException e) { throw new ArgumentException($"genotype: invalid JSON ({e.Message})", nameof(json), e); }
        if (g is null) throw new ArgumentException("genotype: the JSON document is empty", nameof(json));
        g.Validate();
        return g;
    }

    public static Genotype Load(TextReader reader) => Parse(reader.ReadToEnd());

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Checks scales 8/16/32 in that order, known operators, expansions and branch points.</summary>
    public void Validate()
    {
        if (Branches is null || Branches.Count != 3)
            throw new ArgumentException($"genotype '{Name}': needs exactly 3 branches (scales 8, 16, 32), got {Branches?.Count ?? 0}");
        int[] scales = [8, 16, 32];
        for (int b = 0; b < 3; b++)
        {
            var br = Branches[b];
            if (br.Scale != scales[b])
                throw new ArgumentException($"genotype '{Name}': branch {b} must have scale {scales[b]}, got {br.Scale}");
            if (br.Layers is null || br.Layers.Count == 0)
                throw new ArgumentException($"genotype '{Name}': branch 1/{br.Scale} has no layers");
            if (b == 0 && br.From != 0)
                throw new ArgumentException($"genotype '{Name}': branch 1/8 starts on the encoder, its 'from' must be 0, got {br.From}");
            if (b > 0 && (br.From < 0 || br.From > Branches[b - 1].Layers.Count))
                throw new ArgumentException(
                    $"genotype '{Name}': branch 1/{br.Scale} 'from' = {br.From} is outside 0..{Branches[b - 1].Layers.Count} (layers of the parent branch)");
            for (int i = 0; i < br.Layers.Count; i++)
            {
                var l = br.Layers[i];
                if (l is null || !Operators.Contains(l.Op))
                    throw new ArgumentException(
                        $"genotype '{Name}': branch 1/{br.Scale} layer {i} has unknown op '{l?.Op}' (known: {string.Join(", ", Operators)})");
                if (!Expansions.Contains(l.Expansion))
                    throw new ArgumentException(
                        $"genotype '{Name}': branch 1/{br.Scale} layer {i} has expansion {l.Expansion}, expected one of 2, 4, 6, 8");
            }
        }
    }

    /// <summary>The first <paramref name="depth"/> layers of each branch (branch points clamped), for small CPU models.</summary>
    public Genotype Truncate(int depth)
    {
        if (depth < 1) throw new ArgumentException($"MRFEM depth must be at least 1, got {depth}", nameof(depth));
        var branches = new List<GenotypeBranch>(3);
        foreach (var br in Branches)
        {
            var layers = br.Layers.Take(depth).ToList();
            int parentLayers = branches.Count == 0 ? 0 : branches[^1].Layers.Count;
            branches.Add(br with { Layers = layers, From = Math.Min(br.From, parentLayers) });
        }
        return new Genotype($"{Name}@depth{depth}", branches);
    }
}
