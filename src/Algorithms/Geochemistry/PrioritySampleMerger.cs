using System.Text.RegularExpressions;
using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Geochemistry;

/// <summary>Options of <see cref="PrioritySampleMerger"/>.</summary>
public sealed record MergePriorityOptions
{
    /// <summary>Publication year of each citation id (GEOROC: <see cref="GeorocReferences.Years"/>); a row without
    /// a known year ranks as the oldest.</summary>
    public IReadOnlyDictionary<string, int> CitationYears { get; init; } = new Dictionary<string, int>();
    /// <summary>Rows of one sample that repeat a citation are separate analyses (GEOROC's own convention: it
    /// compiles the papers on one sample into one row, listing them in CITATIONS, and keeps several analyses
    /// from one paper as several rows), so they are not merged. Default true.</summary>
    public bool KeepRepeatedCitationRowsApart { get; init; } = true;
}

/// <summary>Where one merged value came from: the merged row, the column, the input row (0-based).</summary>
public sealed record MergedValueSource(int MergedRow, string Column, int SourceRow);

public sealed record PriorityMergeResult(SampleTable Table, IReadOnlyList<IReadOnlyList<int>> Groups,
    IReadOnlyList<MergedValueSource> Sources, int GroupsKeptApart);

/// <summary>
/// Merges the rows that describe one sample by a stated method priority instead of averaging: isotope ratios
/// from the most recent publication; major oxides from glass before whole rock, then the most recent publication;
/// every other value from the most recent publication; ties go to the earlier row. Each merged value names its
/// input row (<see cref="PriorityMergeResult.Sources"/>, and the text column <c>value_sources</c>). The sample key
/// is sample_id without GEOROC's citation suffix (<c>NAME [id]</c>; of a compiled <c>A [1] / B [2]</c>, the
/// first name). Text columns join their distinct values with " | "; locations are averaged as by
/// <see cref="SampleMerger"/>.
/// </summary>
public static partial class PrioritySampleMerger
{
    public const string Rule = "rows with the same sample (sample_id without its [citation] suffix) merged by priority: " +
        "isotopes from the most recent publication, major oxides glass before whole rock then most recent, other values most recent; " +
        "rows repeating a citation kept apart (separate analyses, as GEOROC keeps them); each value's row in value_sources";

    private static readonly HashSet<string> Majors = new(StringComparer.Ordinal)
    {
        "sio2", "tio2", "al2o3", "cr2o3", "fe2o3", "feo", "feot", "fe2o3t", "cao", "mgo", "mno", "nio", "k2o", "na2o", "p2o5",
        "h2o", "co2", "loi", "so3", "cl", "f", "bao", "sro",
    };

    public static PriorityMergeResult Merge(SampleTable table, MergePriorityOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        if (!table.HasText(SampleMerger.KeyColumn))
            throw new ArgumentException($"merging samples needs a text column '{SampleMerger.KeyColumn}' (map the sample name column to it)");
        var keys = table.Text(SampleMerger.KeyColumn).Select(Key).ToArray();
        var citations = Enumerable.Range(0, table.RowCount).Select(r => CitationsOf(table, r)).ToArray();
        var year = citations.Select(c => c.Select(id => options.CitationYears.TryGetValue(id, out var y) ? y : int.MinValue)
            .DefaultIfEmpty(int.MinValue).Max()).ToArray();
        var glass = table.HasText("material")
            ? table.Text("material").Select(m => m is not null && m.TrimStart().StartsWith("GL", StringComparison.OrdinalIgnoreCase)).ToArray()
            : new bool[table.RowCount];

        var groups = SampleMerger.GroupRows(keys);
        int keptApart = 0;
        if (options.KeepRepeatedCitationRowsApart)
        {
            var split = new List<List<int>>();
            foreach (var g in groups)
            {
                var sets = g.Select(r => string.Join(",", citations[r].Order(StringComparer.Ordinal))).ToArray();
                bool repeats = g.Count > 1 && sets.Distinct(StringComparer.Ordinal).Count() < g.Count;
                if (repeats) { keptApart++; split.AddRange(g.Select(r => new List<int> { r })); }
                else split.Add(g);
            }
            groups = split;
        }

        var merged = new SampleTable(groups.Count);
        var sources = new List<MergedValueSource>();
        var perGroup = groups.Select(_ => new SortedDictionary<int, List<string>>()).ToArray();
        foreach (var name in table.Columns)
        {
            if (table.HasText(name))
            {
                var src = table.Text(name);
                merged.SetText(name, groups.Select(g => g.Count == 1 ? src[g[0]] : Join(g.Select(r => src[r]))).ToArray());
                continue;
            }
            var values = table.Numeric(name);
            if (name is SampleTable.Longitude or SampleTable.Latitude)
            {
                merged.SetNumeric(name, groups.Select(g => g.Count == 1 ? values[g[0]] : Location(values, g, name == SampleTable.Longitude)).ToArray());
                continue;
            }
            var kind = KindOf(name);
            var column = new double[groups.Count];
            for (int k = 0; k < groups.Count; k++)
            {
                var g = groups[k];
                int best = -1;
                foreach (var r in g)
                {
                    if (!double.IsFinite(values[r])) continue;
                    if (best < 0 || Better(r, best, kind, year, glass)) best = r;
                }
                column[k] = best < 0 ? double.NaN : values[best];
                if (best >= 0 && g.Count > 1)
                {
                    sources.Add(new MergedValueSource(k, name, best));
                    if (!perGroup[k].TryGetValue(best, out var list)) perGroup[k][best] = list = [];
                    list.Add(name);
                }
            }
            merged.SetNumeric(name, column);
        }
        merged.SetNumeric("merged_rows", groups.Select(g => (double)g.Count).ToArray());
        merged.SetText("value_sources", perGroup.Select(d => d.Count == 0 ? null
            : string.Join("; ", d.Select(kv => $"row {kv.Key + 1}: {string.Join(",", kv.Value)}"))).ToArray());
        return new PriorityMergeResult(merged, groups.Select(g => (IReadOnlyList<int>)g.ToArray()).ToArray(), sources, keptApart);
    }

    /// <summary>Sample key: trimmed, upper case, GEOROC's "[id]" suffix removed (first name of a compiled "A [1] / B [2]").</summary>
    public static string? Key(string? sampleId)
    {
        if (string.IsNullOrWhiteSpace(sampleId)) return null;
        var first = sampleId.Split(" / ")[0];
        var key = Suffix().Replace(first, "").Trim().ToUpperInvariant();
        return key.Length == 0 ? null : key;
    }

    private enum Kind { Isotope, Major, Other }

    private static Kind KindOf(string column) =>
        Isotope().IsMatch(column) || column is "eps_nd" or "epsilon_nd" or "eps_hf" ? Kind.Isotope
        : Majors.Contains(column) ? Kind.Major : Kind.Other;

    /// <summary>Is row a preferred over row b for a value of this kind?</summary>
    private static bool Better(int a, int b, Kind kind, int[] year, bool[] glass)
    {
        if (kind == Kind.Major && glass[a] != glass[b]) return glass[a];
        return year[a] > year[b]; // equal years: the earlier row stays
    }

    private static string[] CitationsOf(SampleTable table, int row)
    {
        var ids = table.HasText("citations") ? GeorocReferences.Ids(table.Text("citations")[row]).ToArray() : [];
        if (ids.Length == 0 && table.HasText(SampleMerger.KeyColumn)) ids = GeorocReferences.Ids(table.Text(SampleMerger.KeyColumn)[row]).ToArray();
        return ids;
    }

    private static double Location(double[] values, List<int> rows, bool longitude)
    {
        var v = rows.Select(r => values[r]).Where(double.IsFinite).ToList();
        if (v.Count == 0) return double.NaN;
        if (!longitude || v.Max() - v.Min() <= 180) return v.Average();
        double m = v.Select(x => x < 0 ? x + 360 : x).Average();
        return m > 180 ? m - 360 : m;
    }

    private static string? Join(IEnumerable<string?> values)
    {
        var distinct = values.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 0 ? null : string.Join(" | ", distinct);
    }

    [GeneratedRegex(@"\s*\[\d+\]\s*$")]
    private static partial Regex Suffix();

    /// <summary>Canonical isotope ratio names: sr87_sr86, nd143_nd144, pb206_pb204, hf176_hf177, he3_he4, ... (optionally _ini).</summary>
    [GeneratedRegex(@"^[a-z]{1,2}\d{1,3}_[a-z]{1,2}\d{1,3}(_ini)?$")]
    private static partial Regex Isotope();
}
