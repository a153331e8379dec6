namespace GisBridge.Algorithms.Geochemistry;

/// <summary>How a "&lt; x" / "bdl" cell becomes a number.</summary>
public enum BelowDetectionPolicy
{
    /// <summary>Below-detection cells are missing (NaN). Default.</summary>
    Missing,
    /// <summary>"&lt; x" becomes x/2; "bdl" without a limit stays missing.</summary>
    HalfLimit,
}

/// <summary>Options of <see cref="GeochemTableReader"/>.</summary>
public sealed record ReaderOptions
{
    /// <summary>Table layout; <see cref="TableFormat.Auto"/> (default) detects it from the header.</summary>
    public TableFormat Format { get; init; } = TableFormat.Auto;

    /// <summary>
    /// Per-file overrides, source header (case-insensitive, trimmed) -> canonical name, optionally with a unit
    /// ("La_ng_g=la:ppb"); "ignore" (or an empty target) drops the column. Overrides win over format defaults
    /// and the alias table.
    /// </summary>
    public IReadOnlyDictionary<string, string> ColumnMapping { get; init; } = new Dictionary<string, string>();

    /// <summary>Default <see cref="BelowDetectionPolicy.Missing"/>.</summary>
    public BelowDetectionPolicy BelowDetection { get; init; } = BelowDetectionPolicy.Missing;

    /// <summary>Name used in messages and the report (the file name, not read).</summary>
    public string SourceName { get; init; } = "input";

    /// <summary>Field delimiter; null (default) = detected from the first line (comma, semicolon or tab).</summary>
    public char? Delimiter { get; init; }

    /// <summary>Decode UTF-7 escapes (+ADs- = ';') in text cells; null (default) = only where the format writes them
    /// (<see cref="FormatConventions.EscapesTextAsUtf7"/>: Gale), so that "+OLA-" in other files stays as written.</summary>
    public bool? DecodeUtf7 { get; init; }

    /// <summary>Number of leading records searched for the header row (preamble rows before it). Default 50.</summary>
    public int HeaderSearchRows { get; init; } = 50;

    /// <summary>Parses "src=canonical,src2=canonical2:ppb" (the CLI form) into a mapping.</summary>
    public static Dictionary<string, string> ParseMapping(string? text)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(text)) return map;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.LastIndexOf('=');
            if (eq <= 0)
                throw new ArgumentException($"mapping entry '{part}' is not of the form source=canonical", "mapping");
            map[part[..eq].Trim()] = part[(eq + 1)..].Trim();
        }
        return map;
    }
}
