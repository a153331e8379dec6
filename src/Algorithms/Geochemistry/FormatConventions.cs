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

    /// <summary>
    /// Gale et al. (2013) code each ridge segment as ridge + number in Province (SEIR68, CIRR3, MARR12): a `ridge`
    /// column with the letters alone lets along-ridge tools group by ridge rather than by segment.
    /// </summary>
    public static void AddDerivedColumns(Common.SampleTable table, TableFormat format, ImportReport report)
    {
        if (format != TableFormat.Gale || !table.HasText("province") || table.HasText("ridge")) return;
        var province = table.Text("province");
        var ridge = new string?[province.Length];
        // A few hundred segments over many rows: one string per segment, not per row.
        var ridgeOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? last = null, lastRidge = null;
        for (int i = 0; i < province.Length; i++)
        {
            var p = province[i];
            if (string.IsNullOrEmpty(p)) continue;
            if (!ReferenceEquals(p, last) && !ridgeOf.TryGetValue(p, out lastRidge))
            {
                int n = 0;
                while (n < p.Length && char.IsLetter(p[n])) n++;
                ridgeOf[p] = lastRidge = n > 0 ? p[..n] : null;
            }
            last = p;
            ridge[i] = lastRidge;
        }
        table.SetText("ridge", ridge);
        report.Notes.Add("Gale 2013 format: column 'ridge' added, the letters of Province (SEIR68 -> SEIR)");
    }

    /// <summary>GEOROC precompiled files write 0 for "not detected or absent" in analytical columns.</summary>
    public static bool ZeroMeansNotDetected(TableFormat format) => format == TableFormat.Georoc;

    /// <summary>Gale et al. (2013) write ';', '"' and '=' in text cells as UTF-7 escapes (+ADs-, +ACI-, +AD0-).</summary>
    public static bool EscapesTextAsUtf7(TableFormat format) => format == TableFormat.Gale;

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
