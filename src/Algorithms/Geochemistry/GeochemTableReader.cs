using System.Runtime.CompilerServices;
using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Geochemistry;

/// <summary>A table read from a file, with what happened on the way.</summary>
public sealed record GeochemTable(SampleTable Table, ImportReport Report, TableFormat Format);

/// <summary>
/// Reads a geochemical CSV (GEOROC, EarthChem/PetDB, Gale-style or any CSV with a mapping) into a
/// <see cref="SampleTable"/> with canonical column names, one row per input row that has a location.
/// The whole text is tokenised in place (spans, no per-cell regex or string for numeric cells).
/// </summary>
public static class GeochemTableReader
{
    /// <summary>Reads bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Latin-1 (older GEOROC files).</summary>
    public static GeochemTable Read(Stream stream, ReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Read(TextDecoding.Decode(stream), options);
    }

    public static GeochemTable Read(TextReader reader, ReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Read(reader.ReadToEnd(), options);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static GeochemTable Read(string text, ReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        string file = options.SourceName;
        if (string.IsNullOrWhiteSpace(text.Replace("\uFEFF", "")))
            throw new ArgumentException($"{file}: the file is empty");
        var report = new ImportReport { File = file };
        char delimiter = options.Delimiter ?? CsvTokenizer.DetectDelimiter(text);
        var (headerIndex, header, headerLine) = FindHeader(text, delimiter, options);
        var format = options.Format == TableFormat.Auto ? TableFormatDetector.Detect(header) : options.Format;
        report.Format = FormatConventions.Label(format);
        report.FormatDetected = options.Format == TableFormat.Auto;
        report.HeaderLine = headerLine;
        report.PreambleRows = headerIndex;
        if (headerIndex > 0) report.Notes.Add($"{headerIndex} preamble row(s) before the header on line {headerLine} skipped");

        var specs = ColumnPlan.Build(header, format, options, report);
        int capacity = MaxDataRows(text, headerLine);
        var columns = new TableColumns(specs, capacity, options, report);
        if (!columns.HasCoordinates)
            throw new ArgumentException($"{file}: no coordinate columns (looked for latitude/longitude, lat/lon, " +
                "LATITUDE MIN/MAX, LONGITUDE MIN/MAX); map them with --mapping, e.g. \"Lat=latitude,Lon=longitude\"");

        var tokenizer = new CsvTokenizer(text, delimiter);
        var fields = new List<CsvField>(header.Count + 4);
        for (int k = 0; k <= headerIndex; k++) tokenizer.ReadRecord(fields);
        bool firstData = true;
        while (tokenizer.ReadRecord(fields))
        {
            int line = tokenizer.RecordLine;
            if (IsBlank(tokenizer, fields)) { report.BlankLinesSkipped++; continue; }
            if (FormatConventions.IsTrailingBlockStart(tokenizer.Span(fields[0])))
            {
                report.TrailingBlockLine = line;
                report.Notes.Add($"trailing block '{tokenizer.Span(fields[0]).Trim().ToString().Split(':')[0]}:' from line {line} on ignored");
                break;
            }
            if (firstData && columns.TryApplyUnitsRow(tokenizer, fields, line)) { firstData = false; continue; }
            firstData = false;
            report.RowsRead++;
            if (fields.Count > header.Count && HasContentBeyond(tokenizer, fields, header.Count))
                report.AddIssue(line, null, $"row has {fields.Count} cells, the header has {header.Count}; extra cells ignored", "extra cells");
            columns.ReadRow(tokenizer, fields, line);
        }
        report.RowsKept = columns.Rows;
        if (report.RowsRead == 0) report.Notes.Add("no data rows after the header");
        var table = columns.ToTable();
        FormatConventions.AddDerivedColumns(table, format, report);
        PlausibilityNotes(table, report);
        return new GeochemTable(table, report, format);
    }

    /// <summary>The header is the first record, among the first rows, with the most recognised column names.</summary>
    private static (int Index, List<string> Header, int Line) FindHeader(string text, char delimiter, ReaderOptions options)
    {
        var tokenizer = new CsvTokenizer(text, delimiter);
        var fields = new List<CsvField>();
        int best = -1, bestScore = 0, bestLine = 0;
        List<string>? bestHeader = null;
        var userKeys = new HashSet<string>(options.ColumnMapping.Keys.Select(k => k.Trim()), StringComparer.OrdinalIgnoreCase);
        for (int index = 0; index < options.HeaderSearchRows && tokenizer.ReadRecord(fields); index++)
        {
            if (fields.Count < 2) continue;
            var cells = fields.Select(f => tokenizer.Text(f).Trim()).ToList();
            int score = cells.Count(c => c.Length > 0 && (userKeys.Contains(c) || HeaderAliases.Resolve(c) is not null));
            if (score > bestScore) { best = index; bestScore = score; bestHeader = cells; bestLine = tokenizer.RecordLine; }
        }
        if (bestHeader is null || bestScore < 2)
            throw new ArgumentException($"{options.SourceName}: unknown format: no header row with known column names " +
                $"(SiO2, MgO, La, 87Sr/86Sr, Latitude, ...) in the first {options.HeaderSearchRows} rows; " +
                "give the columns with --mapping or check that the file is a geochemical CSV table");
        return (best, bestHeader, bestLine);
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
        int breaks = span.Count('\n') + span.Count('\r') - span.Count("\r\n");
        bool endsWithBreak = span.Length > 0 && span[^1] is '\n' or '\r';
        return Math.Max(0, breaks - headerLine + (endsWithBreak ? 0 : 1));
    }

    /// <summary>Warns when a column's values do not fit its name (the mislabelled-column trap).</summary>
    private static void PlausibilityNotes(SampleTable table, ImportReport report)
    {
        if (table.HasNumeric("pb207_pb206") && Median(table.Numeric("pb207_pb206")) is > 5 and var m)
            report.Notes.Add($"column mapped to pb207_pb206 has median {m:F3}, which is a 207Pb/204Pb value; " +
                "if so, map it with --mapping \"<header>=pb207_pb204\"");
        if (table.HasNumeric("pb207_pb204") && Median(table.Numeric("pb207_pb204")) is < 2 and var p)
            report.Notes.Add($"column mapped to pb207_pb204 has median {p:F3}, which looks like 207Pb/206Pb; check the mapping");
    }

    private static double Median(double[] values)
    {
        var v = values.Where(double.IsFinite).Order().ToArray();
        return v.Length == 0 ? double.NaN : v[v.Length / 2];
    }
}
