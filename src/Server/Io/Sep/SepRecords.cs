using GisBridge.Algorithms.Geochemistry;
using nietras.SeparatedValues;
using SepCsv = nietras.SeparatedValues.Sep;
using SepReader = nietras.SeparatedValues.SepReader;

namespace GisBridge.Server.Io.Sep;

/// <summary>
/// The records of a text through the Sep CSV reader: delimiters, CR/LF/CRLF line breaks, quoted delimiters and line
/// breaks are Sep's. Cells come out as written (no unescaping), so that the geochemistry reader can unquote them
/// and report malformed quoting by line, which Sep passes through silently.
/// </summary>
internal sealed class SepRecords : ITableRecords
{
    private readonly SepReader _reader;
    private int _nextLine = 1;

    public SepRecords(string text, char delimiter)
    {
        _reader = SepCsv.New(delimiter).Reader(o => o with { HasHeader = false, DisableColCountCheck = true }).FromText(text);
    }

    public bool MoveNext()
    {
        if (!_reader.MoveNext()) return false;
        // A record starts where the previous one ended (Sep's LineNumberFrom is off for the first record).
        Line = _nextLine;
        _nextLine = _reader.Current.LineNumberToExcl;
        Count = _reader.Current.ColCount;
        return true;
    }

    public int Line { get; private set; }

    public int Count { get; private set; }

    public ReadOnlySpan<char> this[int index] => _reader.Current[index].Span;

    public void Dispose() => _reader.Dispose();
}
