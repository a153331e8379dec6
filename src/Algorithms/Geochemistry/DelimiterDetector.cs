namespace GisBridge.Algorithms.Geochemistry;

/// <summary>The field delimiter of a table from the start of its text.</summary>
public static class DelimiterDetector
{
    /// <summary>Characters looked at, at most.</summary>
    public const int Sample = 65536;

    /// <summary>Comma unless the first line with a delimiter has more tabs or semicolons than commas (outside quotes).</summary>
    public static char Detect(ReadOnlySpan<char> text)
    {
        int comma = 0, semi = 0, tab = 0;
        bool quoted = false;
        foreach (char c in text[..Math.Min(text.Length, Sample)])
        {
            if (c == '"') quoted = !quoted;
            else if (quoted) continue;
            else if (c is '\r' or '\n') { if (comma + semi + tab > 0) break; }
            else if (c == ',') comma++;
            else if (c == ';') semi++;
            else if (c == '\t') tab++;
        }
        if (tab > comma && tab >= semi) return '\t';
        if (semi > comma) return ';';
        return ',';
    }
}
