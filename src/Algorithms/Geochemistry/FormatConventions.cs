namespace GisBridge.Algorithms.Geochemistry;

/// <summary>A per-format default mapping of one header: to a canonical column (null = ignore) and why.</summary>
public sealed record DefaultMapping(string Header, string? Canonical, string Reason);

/// <summary>
/// What each format implies beyond the alias table. Documented traps (samples/PROVENANCE.md):
/// Gale et al. (2013) label the 207Pb/204Pb column "207Pb/206Pb", write total iron as "FeO", and hold TiO2 wt%
/// in "Ti" and non-ppm values in "Ba"; GEOROC writes 0 for "not detected".
/// </summary>
public static class FormatConventions
{
    private static readonly DefaultMapping[] Gale =
    [
        new("207Pb/206Pb", "pb207_pb204",
            "Gale 2013 format: the column labelled 207Pb/206Pb holds 207Pb/204Pb values (about 15.4-15.7; a 207Pb/206Pb ratio would be about 0.8)"),
        new("FeO", "feot", "Gale 2013 format: FeO is total iron expressed as FeO (FeOT)"),
        new("Ti", null, "Gale 2013 format: the Ti column holds TiO2 wt% (duplicate of TiO2), not Ti ppm"),
        new("Ba", null, "Gale 2013 format: the Ba column values (median 0.67) are not barium in ppm"),
    ];

    public static IReadOnlyList<DefaultMapping> DefaultMappings(TableFormat format) => format switch
    {
        TableFormat.Gale => Gale,
        _ => [],
    };

    /// <summary>GEOROC precompiled files write 0 for "not detected or absent" in analytical columns.</summary>
    public static bool ZeroMeansNotDetected(TableFormat format) => format == TableFormat.Georoc;

    /// <summary>Lines that start a trailing non-data block (GEOROC: abbreviations, then references).</summary>
    public static bool IsTrailingBlockStart(ReadOnlySpan<char> firstCell)
    {
        var s = firstCell.TrimStart();
        return s.StartsWith("References:", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("Abbreviations:", StringComparison.OrdinalIgnoreCase);
    }

    public static string Label(TableFormat format) => format switch
    {
        TableFormat.Georoc => "georoc",
        TableFormat.Petdb => "petdb",
        TableFormat.Gale => "gale",
        TableFormat.Csv => "csv",
        _ => "auto",
    };

    public static TableFormat Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" or "" => TableFormat.Auto,
        "georoc" => TableFormat.Georoc,
        "petdb" or "earthchem" => TableFormat.Petdb,
        "gale" => TableFormat.Gale,
        "csv" => TableFormat.Csv,
        _ => throw new ArgumentException($"format '{text}' is not one of auto, georoc, petdb, gale, csv"),
    };
}
