namespace GisBridge.Algorithms.Geochemistry;

/// <summary>
/// The records of a delimited text as a CSV library splits them (delimiters, CR/LF/CRLF line breaks, quoted
/// delimiters and line breaks), one at a time. Cells are as written, quotes included: the reader unquotes them and
/// reports malformed quoting (<see cref="CellQuotes"/>), which the library passes through without a word.
/// </summary>
public interface ITableRecords : IDisposable
{
    /// <summary>Moves to the next record; false at the end of the text.</summary>
    bool MoveNext();

    /// <summary>The 1-based line on which the current record starts.</summary>
    int Line { get; }

    /// <summary>Cells in the current record.</summary>
    int Count { get; }

    /// <summary>Cell <paramref name="index"/> of the current record, as written (valid until <see cref="MoveNext"/>).</summary>
    ReadOnlySpan<char> this[int index] { get; }
}
