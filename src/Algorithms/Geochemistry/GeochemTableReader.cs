using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Geochemistry;

/// <summary>A table read from a file, with what happened on the way.</summary>
public sealed record GeochemTable(SampleTable Table, ImportReport Report, TableFormat Format);

/// <summary>What the start of a file decides: header (index among the records, line), format, columns.</summary>
internal sealed record TablePlan(int HeaderIndex, List<string> Header, int HeaderLine, TableFormat Format, List<ColumnSpec> Specs);

/// <summary>
/// Reads a geochemical table (GEOROC, EarthChem/PetDB, Gale-style or any CSV with a mapping) into a
/// <see cref="SampleTable"/> with canonical column names, one row per input row that has a location. The records come
/// from a CSV library (<see cref="ITableRecords"/>); this class holds the project's own rules: header search among
/// preamble rows, format, units row, trailing reference blocks, malformed quoting reported by line.
/// </summary>
public static class GeochemTableReader
{
    /// <summary>Reads the records that <paramref name="open"/> gives, from the start each time it is called (twice: the
    /// header search, then the rows).</summary>
    public static GeochemTable Read(Func<ITableRecords> open, ReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(options);
        var report = new ImportReport { File = options.SourceName };
        TablePlan plan;
        using (var start = open()) plan = Plan(start, options, report);
        var columns = Columns(plan, options, report);
        using var records = open();
        for (int k = 0; k <= plan.HeaderIndex; k++) records.MoveNext();
        ReadRecords(records, plan, columns, report);
        return Finish(plan, columns, report);
    }

    /// <summary>Header, format and column plan, from the first records.</summary>
    private static TablePlan Plan(ITableRecords records, ReaderOptions options, ImportReport report)
    {
        var (headerIndex, header, headerLine) = FindHeader(records, options, report);
        var format = options.Format == TableFormat.Auto ? TableFormatDetector.Detect(header) : options.Format;
        report.Format = FormatConventions.Label(format);
        report.FormatDetected = options.Format == TableFormat.Auto;
        report.HeaderLine = headerLine;
        report.PreambleRows = headerIndex;
        if (headerIndex > 0) report.Notes.Add($"{headerIndex} preamble row(s) before the header on line {headerLine} skipped");
        var specs = ColumnPlan.Build(header, format, options, report);
        return new TablePlan(headerIndex, header, headerLine, format, specs);
    }

    private static TableColumns Columns(TablePlan plan, ReaderOptions options, ImportReport report)
    {
        options = options with { DecodeUtf7 = options.DecodeUtf7 ?? FormatConventions.EscapesTextAsUtf7(plan.Format) };
        var columns = new TableColumns(plan.Specs, options, report);
        if (!columns.HasCoordinates)
            throw new ArgumentException($"{options.SourceName}: no coordinate columns (looked for latitude/longitude, lat/lon, " +
                "LATITUDE MIN/MAX, LONGITUDE MIN/MAX); map them with --mapping, e.g. \"Lat=latitude,Lon=longitude\"");
        return columns;
    }

    /// <summary>Reads data records into <paramref name="columns"/> until the text ends or a trailing block starts.</summary>
    private static void ReadRecords(ITableRecords records, TablePlan plan, TableColumns columns, ImportReport report)
    {
        int headerCount = plan.Header.Count;
        bool firstData = true;
        while (records.MoveNext())
        {
            int line = records.Line;
            ReportQuoting(records, plan.Header, report);
            if (IsBlank(records)) { report.BlankLinesSkipped++; continue; }
            var first = CellQuotes.Content(records[0], out _);
            if (FormatConventions.IsTrailingBlockStart(first))
            {
                report.TrailingBlockLine = line;
                report.Notes.Add($"trailing block '{first.ToString().Split(':')[0]}:' from line {line} on ignored");
                return;
            }
            if (firstData && columns.TryApplyUnitsRow(records, line))
            {
                firstData = false;
                continue;
            }
            firstData = false;
            report.RowsRead++;
            if (records.Count > headerCount && HasContentBeyond(records, headerCount))
                report.AddIssue(line, null, $"row has {records.Count} cells, the header has {headerCount}; extra cells ignored", "extra cells");
            columns.ReadRow(records, line);
        }
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
    private static (int Index, List<string> Header, int Line) FindHeader(ITableRecords records, ReaderOptions options, ImportReport report)
    {
        int best = -1, bestScore = 0, bestLine = 0;
        List<string>? bestHeader = null;
        var userKeys = new HashSet<string>(options.ColumnMapping.Keys.Select(k => k.Trim()), StringComparer.OrdinalIgnoreCase);
        for (int index = 0; index < options.HeaderSearchRows && records.MoveNext(); index++)
        {
            if (records.Count < 2) continue;
            var cells = new List<string>(records.Count);
            for (int i = 0; i < records.Count; i++) cells.Add(Text(records[i]));
            int score = cells.Count(c => c.Length > 0 && (userKeys.Contains(c) || HeaderAliases.Resolve(c) is not null));
            if (score > bestScore) { best = index; bestScore = score; bestHeader = cells; bestLine = records.Line; }
        }
        if (bestHeader is null || bestScore < 2)
            throw new ArgumentException($"{options.SourceName}: unknown format: no header row with known column names " +
                $"(SiO2, MgO, La, 87Sr/86Sr, Latitude, ...) in the first {options.HeaderSearchRows} rows; " +
                "give the columns with --mapping or check that the file is a geochemical CSV table");
        return (best, bestHeader, bestLine);
    }

    /// <summary>A cell's content as a string: unquoted, "" as one quote, trimmed.</summary>
    internal static string Text(ReadOnlySpan<char> raw)
    {
        var s = CellQuotes.Content(raw, out bool escaped);
        return escaped ? s.ToString().Replace("\"\"", "\"") : s.ToString();
    }

    /// <summary>Malformed quoting in any cell of the record, as an issue on its line (and a note when the rest of the
    /// file became one cell): the CSV library passes such cells through as written.</summary>
    private static void ReportQuoting(ITableRecords records, List<string> header, ImportReport report)
    {
        for (int i = 0; i < records.Count; i++)
        {
            var raw = records[i];
            if (raw.IndexOf('"') < 0) continue;
            var problem = CellQuotes.Check(raw);
            if (problem == QuoteProblem.None) continue;
            string? column = i < header.Count && header[i].Length > 0 ? header[i] : null;
            report.AddIssue(records.Line, column, CellQuotes.Describe(problem), "malformed quoting");
            if (problem == QuoteProblem.Unterminated)
                report.Notes.Add($"line {records.Line}: a quote opened in {(column is null ? $"cell {i + 1}" : $"column '{column}'")} is never closed: " +
                    "the rest of the file was read as that one cell; close the quote and read the file again");
        }
    }

    private static bool IsBlank(ITableRecords records)
    {
        for (int i = 0; i < records.Count; i++)
            if (!CellQuotes.Content(records[i], out _).IsEmpty) return false;
        return true;
    }

    private static bool HasContentBeyond(ITableRecords records, int count)
    {
        for (int i = count; i < records.Count; i++)
            if (!CellQuotes.Content(records[i], out _).IsEmpty) return true;
        return false;
    }

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
