using System.Runtime.CompilerServices;
namespace GisBridge.Algorithms.Geochemistry;

/// <summary>One field of a CSV record: its content span inside the source text (without the quotes).</summary>
public readonly record struct CsvField(int Start, int Length, bool Quoted, bool HasEscapedQuotes);

/// <summary>
/// RFC 4180 tokenizer over a whole text held in memory: quoted fields (with "" escapes and embedded line
/// breaks), CR, LF and CRLF line endings (mixed in one file too, as in GEOROC exports). Fields are returned as
/// spans into the text so that numeric cells are parsed without allocating a string per cell.
/// </summary>
public sealed class CsvTokenizer
{
    private ReadOnlyMemory<char> _text;
    private bool _final = true; // false: the text is a window, more follows (see Continue)
    private readonly char _delimiter;
    private readonly System.Buffers.SearchValues<char> _stops;
    private int _pos;
    private int _line;

    public CsvTokenizer(string text, char delimiter = ',') : this(CheckNotNull(text).AsMemory(), delimiter, firstLine: 1, skipByteOrderMark: true)
    {
    }

    /// <summary>
    /// A tokenizer over part of a text: <paramref name="firstLine"/> is the line number of its first character, and a
    /// leading U+FEFF is content unless <paramref name="skipByteOrderMark"/> (true only where the part is the file's start).
    /// Unless <paramref name="final"/>, the text is a window that <see cref="Continue"/> follows.
    /// </summary>
    internal CsvTokenizer(ReadOnlyMemory<char> text, char delimiter, int firstLine, bool skipByteOrderMark, bool final = true)
    {
        _final = final;
        if (delimiter is '"' or '\r' or '\n')
            throw new ArgumentException($"delimiter '{delimiter}' cannot be a quote or a line break", nameof(delimiter));
        _text = text;
        _delimiter = delimiter;
        _line = firstLine;
        _stops = System.Buffers.SearchValues.Create([delimiter, '\r', '\n']);
        // A UTF-8 byte-order mark decoded as U+FEFF would otherwise stick to the first header cell.
        if (skipByteOrderMark && _text.Length > 0 && _text.Span[0] == '\uFEFF') _pos = 1;
    }

    private static string CheckNotNull(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text;
    }

    /// <summary>
    /// Goes on with the next window of the same text: <paramref name="text"/> starts at <see cref="Position"/> of the
    /// previous window. Unless <paramref name="final"/>, a record that reaches the window's end (or ends with its last
    /// character, a CR that an LF may follow) is not returned: <see cref="ReadRecord"/> says false and leaves it for
    /// the next window, so records come out exactly as from the whole text.
    /// </summary>
    internal void Continue(ReadOnlyMemory<char> text, bool final)
    {
        _text = text;
        _final = final;
        _pos = 0;
    }

    /// <summary>Where reading stopped: the characters before it are consumed, those from it on are still to read.</summary>
    internal int Position => _pos;

    /// <summary>The 1-based line on which the record last returned by <see cref="ReadRecord"/> starts.</summary>
    public int RecordLine { get; private set; }

    /// <summary>True when the last record returned ended with a line break (not at the end of the text, nor inside an open quote).</summary>
    public bool RecordEndedWithLineBreak { get; private set; }

    /// <summary>True when every character has been consumed.</summary>
    public bool AtEnd => _pos >= _text.Length;

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool ReadRecord(List<CsvField> fields)
    {
        fields.Clear();
        if (_pos >= _text.Length) return false;
        int start = _pos;
        bool endedBefore = RecordEndedWithLineBreak;
        RecordEndedWithLineBreak = false;
        RecordLine = _line;
        var text = _text.Span;
        while (true)
        {
            if (_pos < text.Length && text[_pos] == '"') ReadQuoted(fields, text);
            else
            {
                int end = FieldEnd(text, _pos);
                fields.Add(new CsvField(_pos, end - _pos, false, false));
                _pos = end;
            }
            if (_pos >= text.Length) return _final || Unread(fields, start, endedBefore);
            char c = text[_pos];
            if (c == _delimiter)
            {
                _pos++;
                if (_pos >= text.Length) { fields.Add(new CsvField(_pos, 0, false, false)); return _final || Unread(fields, start, endedBefore); }
                continue;
            }
            if (!_final && c == '\r' && _pos + 1 == text.Length) return Unread(fields, start, endedBefore);
            EndLine(text);
            RecordEndedWithLineBreak = true;
            return true;
        }
    }

    /// <summary>A record cut by the window's end: back to its start, for the next window. Always false.</summary>
    private bool Unread(List<CsvField> fields, int start, bool endedBefore)
    {
        fields.Clear();
        _pos = start;
        _line = RecordLine;
        RecordEndedWithLineBreak = endedBefore;
        return false;
    }

    /// <summary>
    /// End of an unquoted field. Geochemical cells are short (a few characters), where a scalar scan beats a
    /// vectorised search's setup; long cells switch to the vectorised search.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int FieldEnd(ReadOnlySpan<char> text, int start)
    {
        int limit = Math.Min(text.Length, start + 16);
        for (int i = start; i < limit; i++)
        {
            char c = text[i];
            if (c == _delimiter || c == '\n' || c == '\r') return i;
        }
        if (limit == text.Length) return limit;
        int rel = text[limit..].IndexOfAny(_stops);
        return rel < 0 ? text.Length : limit + rel;
    }

    /// <summary>The whole text; a field is <c>Chars.Slice(f.Start, f.Length)</c> (one lookup for a row of cells).</summary>
    internal ReadOnlySpan<char> Chars => _text.Span;

    /// <summary>The field's content as a span (escaped quotes still doubled; see <see cref="Text"/>).</summary>
    public ReadOnlySpan<char> Span(CsvField f) => _text.Span.Slice(f.Start, f.Length);

    /// <summary>The field's content as a string, with "" unescaped.</summary>
    public string Text(CsvField f)
    {
        var s = new string(Span(f));
        return f.HasEscapedQuotes ? s.Replace("\"\"", "\"") : s;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadQuoted(List<CsvField> fields, ReadOnlySpan<char> text)
    {
        int start = _pos + 1, i = start;
        bool escaped = false;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"') { escaped = true; i += 2; continue; }
                break;
            }
            if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))) _line++;
            i++;
        }
        // An unterminated quote runs to the end of the text (the caller sees one long last field).
        fields.Add(new CsvField(start, i - start, true, escaped));
        _pos = Math.Min(i + 1, text.Length);
        // Characters between the closing quote and the next delimiter are not RFC 4180; skip them.
        int rel = text[_pos..].IndexOfAny(_stops);
        _pos = rel < 0 ? text.Length : _pos + rel;
    }

    private void EndLine(ReadOnlySpan<char> text)
    {
        if (text[_pos] == '\r' && _pos + 1 < text.Length && text[_pos + 1] == '\n') _pos += 2;
        else _pos++;
        _line++;
    }

    /// <summary>Characters <see cref="DetectDelimiter(string)"/> looks at, at most.</summary>
    internal const int DelimiterSample = 65536;

    /// <summary>Comma unless the first line has more tabs or semicolons than commas (outside quotes).</summary>
    public static char DetectDelimiter(string text) => DetectDelimiter(CheckNotNull(text).AsSpan());

    internal static char DetectDelimiter(ReadOnlySpan<char> text)
    {
        int comma = 0, semi = 0, tab = 0;
        bool quoted = false;
        foreach (char c in text[..Math.Min(text.Length, DelimiterSample)])
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
