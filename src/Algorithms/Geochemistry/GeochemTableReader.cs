using System.Runtime.CompilerServices;
using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Geochemistry;

/// <summary>A table read from a file, with what happened on the way.</summary>
public sealed record GeochemTable(SampleTable Table, ImportReport Report, TableFormat Format);

/// <summary>Why <see cref="GeochemTableReader.ReadRecords"/> returned.</summary>
internal enum RecordsEnd { TextEnd, TrailingBlock, FirstData }

/// <summary>What the start of a file decides: delimiter, header (index among the records, line), format, columns.
/// <paramref name="HeaderSearchedToEnd"/>: the header search ran out of text (a longer text could change the header).</summary>
internal sealed record TablePlan(char Delimiter, int HeaderIndex, List<string> Header, int HeaderLine, TableFormat Format,
    List<ColumnSpec> Specs, bool HeaderSearchedToEnd);

/// <summary>
/// Reads a geochemical CSV (GEOROC, EarthChem/PetDB, Gale-style or any CSV with a mapping) into a
/// <see cref="SampleTable"/> with canonical column names, one row per input row that has a location.
/// The whole text is tokenised in place (spans, no per-cell regex or string for numeric cells).
/// </summary>
public static class GeochemTableReader
{
    /// <summary>
    /// Reads bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Latin-1 (older GEOROC files). Large files are
    /// decoded and parsed in parts on several cores (<see cref="ParallelTableReader"/>), with the same result.
    /// </summary>
    public static GeochemTable Read(Stream stream, ReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        return ParallelTableReader.TryRead(stream, options, ParallelReadSettings.Default)
            ?? Read(TextDecoding.Decode(stream), options);
    }

    public static GeochemTable Read(TextReader reader, ReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Read(reader.ReadToEnd(), options);
    }

    public static GeochemTable Read(string text, ReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(text.Replace("\uFEFF", "")))
            throw new ArgumentException($"{options.SourceName}: the file is empty");
        var report = new ImportReport { File = options.SourceName };
        var plan = Plan(text.AsMemory(), options, report);
        var columns = Columns(plan, MaxDataRows(text, plan.HeaderLine), options, report);
        var tokenizer = AfterHeader(text.AsMemory(), plan);
        ReadRecords(tokenizer, plan, columns, report, firstData: true, stopAfterFirstData: false);
        return Finish(plan, columns, report);
    }

    /// <summary>Delimiter, header, format and column plan, from the start of the text.</summary>
    internal static TablePlan Plan(ReadOnlyMemory<char> start, ReaderOptions options, ImportReport report)
    {
        char delimiter = options.Delimiter ?? CsvTokenizer.DetectDelimiter(start.Span);
        var (headerIndex, header, headerLine, searchedToEnd) = FindHeader(start, delimiter, options);
        var format = options.Format == TableFormat.Auto ? TableFormatDetector.Detect(header) : options.Format;
        report.Format = FormatConventions.Label(format);
        report.FormatDetected = options.Format == TableFormat.Auto;
        report.HeaderLine = headerLine;
        report.PreambleRows = headerIndex;
        if (headerIndex > 0) report.Notes.Add($"{headerIndex} preamble row(s) before the header on line {headerLine} skipped");
        var specs = ColumnPlan.Build(header, format, options, report);
        return new TablePlan(delimiter, headerIndex, header, headerLine, format, specs, searchedToEnd);
    }

    internal static TableColumns Columns(TablePlan plan, int capacity, ReaderOptions options, ImportReport report)
    {
        options = options with { DecodeUtf7 = options.DecodeUtf7 ?? FormatConventions.EscapesTextAsUtf7(plan.Format) };
        var columns = new TableColumns(plan.Specs, capacity, options, report);
        if (!columns.HasCoordinates)
            throw new ArgumentException($"{options.SourceName}: no coordinate columns (looked for latitude/longitude, lat/lon, " +
                "LATITUDE MIN/MAX, LONGITUDE MIN/MAX); map them with --mapping, e.g. \"Lat=latitude,Lon=longitude\"");
        return columns;
    }

    /// <summary>A tokenizer over the text of the file's start (a window of it unless <paramref name="final"/>), positioned after the header record.</summary>
    internal static CsvTokenizer AfterHeader(ReadOnlyMemory<char> text, TablePlan plan, bool final = true)
    {
        var tokenizer = new CsvTokenizer(text, plan.Delimiter, firstLine: 1, skipByteOrderMark: true, final);
        var fields = new List<CsvField>();
        for (int k = 0; k <= plan.HeaderIndex; k++) tokenizer.ReadRecord(fields);
        return tokenizer;
    }

    /// <summary>
    /// Reads data records into <paramref name="columns"/> until the text ends, a trailing block starts or, with
    /// <paramref name="stopAfterFirstData"/>, the first data record (or units row) has been read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static RecordsEnd ReadRecords(CsvTokenizer tokenizer, TablePlan plan, TableColumns columns, ImportReport report,
        bool firstData, bool stopAfterFirstData)
    {
        int headerCount = plan.Header.Count;
        var fields = new List<CsvField>(headerCount + 4);
        while (tokenizer.ReadRecord(fields))
        {
            int line = tokenizer.RecordLine;
            if (IsBlank(tokenizer, fields)) { report.BlankLinesSkipped++; continue; }
            if (FormatConventions.IsTrailingBlockStart(tokenizer.Span(fields[0])))
            {
                report.TrailingBlockLine = line;
                report.Notes.Add($"trailing block '{tokenizer.Span(fields[0]).Trim().ToString().Split(':')[0]}:' from line {line} on ignored");
                return RecordsEnd.TrailingBlock;
            }
            if (firstData && columns.TryApplyUnitsRow(tokenizer, fields, line))
            {
                if (stopAfterFirstData) return RecordsEnd.FirstData;
                firstData = false;
                continue;
            }
            firstData = false;
            report.RowsRead++;
            if (fields.Count > headerCount && HasContentBeyond(tokenizer, fields, headerCount))
                report.AddIssue(line, null, $"row has {fields.Count} cells, the header has {headerCount}; extra cells ignored", "extra cells");
            columns.ReadRow(tokenizer, fields, line);
            if (stopAfterFirstData) return RecordsEnd.FirstData;
        }
        return RecordsEnd.TextEnd;
    }

    internal static GeochemTable Finish(TablePlan plan, TableColumns columns, ImportReport report)
    {
        report.RowsKept = columns.Rows;
        if (report.RowsRead == 0) report.Notes.Add("no data rows after the header");
        var table = columns.ToTable();
        FormatConventions.AddDerivedColumns(table, plan.Format, report);
        PlausibilityNotes(table, report);
        return new GeochemTable(table, report, plan.Format);
    }

    /// <summary>The header is the first record, among the first rows, with the most recognised column names.</summary>
    private static (int Index, List<string> Header, int Line, bool SearchedToEnd) FindHeader(ReadOnlyMemory<char> text, char delimiter, ReaderOptions options)
    {
        var tokenizer = new CsvTokenizer(text, delimiter, firstLine: 1, skipByteOrderMark: true);
        var fields = new List<CsvField>();
        int best = -1, bestScore = 0, bestLine = 0;
        List<string>? bestHeader = null;
        var userKeys = new HashSet<string>(options.ColumnMapping.Keys.Select(k => k.Trim()), StringComparer.OrdinalIgnoreCase);
        bool searchedToEnd = false;
        for (int index = 0; index < options.HeaderSearchRows; index++)
        {
            if (!tokenizer.ReadRecord(fields)) { searchedToEnd = true; break; }
            if (fields.Count < 2) continue;
            var cells = fields.Select(f => tokenizer.Text(f).Trim()).ToList();
            int score = cells.Count(c => c.Length > 0 && (userKeys.Contains(c) || HeaderAliases.Resolve(c) is not null));
            if (score > bestScore) { best = index; bestScore = score; bestHeader = cells; bestLine = tokenizer.RecordLine; }
        }
        if (bestHeader is null || bestScore < 2)
            throw new ArgumentException($"{options.SourceName}: unknown format: no header row with known column names " +
                $"(SiO2, MgO, La, 87Sr/86Sr, Latitude, ...) in the first {options.HeaderSearchRows} rows; " +
                "give the columns with --mapping or check that the file is a geochemical CSV table");
        return (best, bestHeader, bestLine, searchedToEnd || tokenizer.AtEnd);
    }

    private static bool IsBlank(CsvTokenizer tokenizer, List<CsvField> fields)
    {
        foreach (var f in fields)
            if (!tokenizer.Span(f).IsWhiteSpace()) return false;
        return true;
    }

    private static bool HasContentBeyond(CsvTokenizer tokenizer, List<CsvField> fields, int count)
    {
        for (int i = count; i < fields.Count; i++)
            if (!tokenizer.Span(fields[i]).IsWhiteSpace()) return true;
        return false;
    }

    /// <summary>Lines after the header: an upper bound of the data rows (exact for plain files, so that the
    /// column buffers need no final copy).</summary>
    private static int MaxDataRows(string text, int headerLine)
    {
        var span = text.AsSpan();
        bool endsWithBreak = span.Length > 0 && span[^1] is '\n' or '\r';
        return Math.Max(0, LineBreaks(span) - headerLine + (endsWithBreak ? 0 : 1));
    }

    /// <summary>Line breaks as the tokenizer counts lines (CR, LF, CRLF = one each).</summary>
    internal static int LineBreaks(ReadOnlySpan<char> span) => span.Count('\n') + span.Count('\r') - span.Count("\r\n");

    /// <summary>Warns when a column's values do not fit its name (the mislabelled-column trap).</summary>
    private static void PlausibilityNotes(SampleTable table, ImportReport report)
    {
        if (table.HasNumeric("pb207_pb206") && MedianAbove(table.Numeric("pb207_pb206"), 5) && Median(table.Numeric("pb207_pb206")) is var m)
            report.Notes.Add($"column mapped to pb207_pb206 has median {m:F3}, which is a 207Pb/204Pb value; " +
                "if so, map it with --mapping \"<header>=pb207_pb204\"");
        if (table.HasNumeric("pb207_pb204") && MedianBelow(table.Numeric("pb207_pb204"), 2) && Median(table.Numeric("pb207_pb204")) is var p)
            report.Notes.Add($"column mapped to pb207_pb204 has median {p:F3}, which looks like 207Pb/206Pb; check the mapping");
    }

    /// <summary>The upper median of the finite values (NaN when there are none).</summary>
    internal static double Median(double[] values)
    {
        var v = values.Where(double.IsFinite).Order().ToArray();
        return v.Length == 0 ? double.NaN : v[v.Length / 2];
    }

    // Whether Median is above / below a bound, by counting (no sort): Median sorts only when a note is written.
    internal static bool MedianAbove(double[] values, double bound)
    {
        int finite = 0, atMost = 0;
        foreach (double v in values)
            if (double.IsFinite(v)) { finite++; if (v <= bound) atMost++; }
        return finite > 0 && atMost <= finite / 2;
    }

    internal static bool MedianBelow(double[] values, double bound)
    {
        int finite = 0, below = 0;
        foreach (double v in values)
            if (double.IsFinite(v)) { finite++; if (v < bound) below++; }
        return below > finite / 2;
    }
}
