namespace GisBridge.Algorithms.Lithology.Network;

/// <summary>
/// The built-in MRFEM genotype, depth 22 (the paper's best depth, Table 4). The paper does not publish its searched
/// cell, so this one is hand-written in the same search space: plain and 2-layer convolutions dominate the fine
/// 1/8 branch (spatial detail), zoomed operators the coarse branches (receptive field), a few skips, widths growing
/// with depth. The 1/16 branch leaves the 1/8 branch after 6 layers, the 1/32 branch leaves the 1/16 one after 6.
/// Replace it with a searched genotype through <see cref="NetworkConfig.GenotypeJson"/>.
/// </summary>
public static class DefaultGenotype
{
    // Compact form: op code + expansion; c = conv, d = conv2, z = zoomed_conv, y = zoomed_conv2, s = skip.
    private const string Branch8 = "c4 c4 d4 s4 c4 d6 c6 s6 d6 c6 z6 d6 c6 s6 d8 c8 z8 d8 c8 s8 d8 c8";
    private const string Branch16 = "c4 d6 z6 s6 d6 z6 c8 s8 z8 d8 y8 s8 z8 d8 c8 s8 y8 d8 z8 s8 d8 c8";
    private const string Branch32 = "z6 y6 c8 s8 y8 z8 d8 s8 y8 z8 c8 s8 y8 d8 z8 s8 y8 z8 d8 s8 y8 c8";

    public static Genotype Create() => new("ggmnet-default-22",
    [
        new GenotypeBranch(8, 0, ParseCompact(Branch8)),
        new GenotypeBranch(16, 6, ParseCompact(Branch16)),
        new GenotypeBranch(32, 6, ParseCompact(Branch32)),
    ]);

    private static List<GenotypeLayer> ParseCompact(string text) => text
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(t => new GenotypeLayer(t[0] switch
        {
            'c' => "conv",
            'd' => "conv2",
            'z' => "zoomed_conv",
            'y' => "zoomed_conv2",
            's' => "skip",
            _ => throw new InvalidOperationException($"bad op code '{t}'"),
        }, int.Parse(t[1..], System.Globalization.CultureInfo.InvariantCulture)))
        .ToList();
}
