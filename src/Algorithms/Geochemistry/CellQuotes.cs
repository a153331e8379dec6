namespace GisBridge.Algorithms.Geochemistry;

/// <summary>How a cell's quoting departs from RFC 4180.</summary>
public enum QuoteProblem
{
    None,
    /// <summary><c>"abc"def</c>: text after the closing quote.</summary>
    TextAfterClosingQuote,
    /// <summary>An opening quote that no quote closes: the cell ran to the end of the file.</summary>
    Unterminated,
    /// <summary><c>5" core</c>: a quote inside a cell that does not start with one (quoted delimiters may have joined cells).</summary>
    QuoteInUnquotedCell,
}

/// <summary>
/// Unquoting of one cell as the CSV library hands it over (quotes in place): a well-formed quoted cell loses its outer
/// quotes and keeps "" as one quote; any other cell with a quote is kept as written and its problem named, so that no
/// text is dropped without a warning.
/// </summary>
public static class CellQuotes
{
    /// <summary>The cell's content, trimmed (inner text of a well-formed quoted cell); <paramref name="escaped"/>: "" to
    /// turn into one quote when a string is made.</summary>
    public static ReadOnlySpan<char> Content(ReadOnlySpan<char> raw, out bool escaped)
    {
        escaped = false;
        var s = raw.Trim();
        if (s.Length < 2 || s[0] != '"' || s[^1] != '"') return s;
        var inner = s[1..^1];
        int quote = inner.IndexOf('"');
        if (quote < 0) return inner.Trim();
        if (Check(s) != QuoteProblem.None) return s;
        escaped = true;
        return inner.Trim();
    }

    /// <summary>What is wrong with the cell's quoting, if anything.</summary>
    public static QuoteProblem Check(ReadOnlySpan<char> raw)
    {
        int first = raw.IndexOf('"');
        if (first < 0) return QuoteProblem.None;
        var s = raw.Trim();
        if (s[0] != '"') return QuoteProblem.QuoteInUnquotedCell;
        // Inside the quotes, quotes come in escaped pairs; the lone one that is left closes the cell.
        int i = 1;
        while (i < s.Length)
        {
            int q = s[i..].IndexOf('"');
            if (q < 0) return QuoteProblem.Unterminated;
            i += q;
            if (i + 1 < s.Length && s[i + 1] == '"') { i += 2; continue; }
            return i == s.Length - 1 ? QuoteProblem.None : QuoteProblem.TextAfterClosingQuote;
        }
        return QuoteProblem.Unterminated;
    }

    /// <summary>The import-report wording of a problem.</summary>
    public static string Describe(QuoteProblem problem) => problem switch
    {
        QuoteProblem.TextAfterClosingQuote => "malformed quoting: text after the closing quote (cell kept as written)",
        QuoteProblem.Unterminated => "malformed quoting: a quote is never closed, so this cell runs to the end of the file",
        QuoteProblem.QuoteInUnquotedCell => "malformed quoting: a quote inside an unquoted cell (cell kept as written; delimiters between quotes do not split)",
        _ => "",
    };
}
