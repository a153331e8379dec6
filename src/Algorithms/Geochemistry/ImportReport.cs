using System.Text.Json;
using System.Text.Json.Serialization;

namespace GisBridge.Algorithms.Geochemistry;

/// <summary>One header mapped to a canonical column: from, to, the source and stored units, the factor applied.</summary>
public sealed record ColumnMappingEntry(string From, string To, string Unit, string SourceUnit, double Scale, string Origin, string? Note);

/// <summary>A header not carried to the output, and why.</summary>
public sealed record IgnoredColumn(string Name, string Reason);

/// <summary>A problem with one cell or row: file, line (1-based), column header and reason.</summary>
public sealed record ImportIssue(string File, int Line, string? Column, string Reason, string Kind)
{
    public override string ToString() => Column is null ? $"{File}:{Line}: {Reason}" : $"{File}:{Line}: column '{Column}': {Reason}";
}

/// <summary>What the reader did with a file: rows read, rows dropped and why, columns mapped and ignored.</summary>
public sealed class ImportReport
{
    /// <summary>At most this many issues are listed one by one; all are counted in <see cref="IssueCounts"/>.</summary>
    public const int MaxListedIssues = 200;

    public string File { get; set; } = "";
    public string Format { get; set; } = "";
    public bool FormatDetected { get; set; }
    public int HeaderLine { get; set; }
    public int PreambleRows { get; set; }
    public int RowsRead { get; set; }
    public int RowsKept { get; set; }
    public int BlankLinesSkipped { get; set; }
    public int? TrailingBlockLine { get; set; }
    public Dictionary<string, int> RowsDropped { get; } = new(StringComparer.Ordinal);
    public List<ColumnMappingEntry> ColumnsMapped { get; } = [];
    public List<IgnoredColumn> ColumnsIgnored { get; } = [];
    public List<string> Notes { get; } = [];
    public List<ImportIssue> Issues { get; } = [];
    public Dictionary<string, int> IssueCounts { get; } = new(StringComparer.Ordinal);
    public int BelowDetectionCells { get; set; }
    public int ZeroAsMissingCells { get; set; }

    public void Drop(string reason, int line)
    {
        RowsDropped[reason] = RowsDropped.GetValueOrDefault(reason) + 1;
        AddIssue(line, null, "row dropped: " + reason, "row dropped: " + reason);
    }

    /// <summary>Records a cell or row problem; <paramref name="kind"/> groups it in <see cref="IssueCounts"/>.</summary>
    public void AddIssue(int line, string? column, string reason, string kind)
    {
        IssueCounts[kind] = IssueCounts.GetValueOrDefault(kind) + 1;
        if (Issues.Count < MaxListedIssues) Issues.Add(new ImportIssue(File, line, column, reason, kind));
    }

    public int RowsDroppedTotal => RowsDropped.Values.Sum();

    /// <summary>Indented snake_case JSON, nulls left out (source-generated: no reflection at run time).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ImportReportJson.Default.ImportReport);

    /// <summary>The same JSON as <see cref="ToJson"/>, formatted as <paramref name="writer"/> is (inside a larger document).</summary>
    public void WriteJson(Utf8JsonWriter writer) => JsonSerializer.Serialize(writer, this, ImportReportJson.Default.ImportReport);
}

/// <summary>
/// Compile-time JSON metadata of <see cref="ImportReport"/>: the reflection-based serializer costs about 50 ms of
/// start-up (Reflection.Emit, type walking) in a CLI process that writes one report.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ImportReport))]
internal sealed partial class ImportReportJson : JsonSerializerContext;
