using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Geochemistry;

/// <summary>
/// Optional merge of rows that describe one sample (GEOROC lists glass and whole rock, or several papers, as
/// separate rows). Rule: rows with the same non-empty sample_id become one row; each numeric column is the mean
/// of the rows' non-missing values (so a ratio measured once is kept as is); each text column joins the
/// distinct non-empty values with " | "; latitude/longitude are averaged (longitudes across the antimeridian
/// on 0..360). Rows without a sample_id stay as they are. A column "merged_rows" counts the rows merged.
/// </summary>
public static class SampleMerger
{
    public const string KeyColumn = "sample_id";
    public const string Rule = "rows with the same sample_id merged: numeric = mean of non-missing values, text = distinct values joined with ' | ', location = mean";

    public static SampleTable Merge(SampleTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!table.HasText(KeyColumn))
            throw new ArgumentException($"merging samples needs a text column '{KeyColumn}' (map the sample name column to it)");
        var groups = GroupRows(table.Text(KeyColumn));
        var merged = new SampleTable(groups.Count);
        foreach (var name in table.Columns)
        {
            if (table.HasText(name))
            {
                var src = table.Text(name);
                merged.SetText(name, groups.Select(g => Join(g.Select(r => src[r]))).ToArray());
            }
            else
            {
                var src = table.Numeric(name);
                bool lon = name == SampleTable.Longitude;
                merged.SetNumeric(name, groups.Select(g => lon ? MeanLongitude(g.Select(r => src[r])) : Mean(g.Select(r => src[r]))).ToArray());
            }
        }
        merged.SetNumeric("merged_rows", groups.Select(g => (double)g.Count).ToArray());
        return merged;
    }

    private static string? Join(IEnumerable<string?> values)
    {
        var distinct = values.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 0 ? null : string.Join(" | ", distinct);
    }

    private static double Mean(IEnumerable<double> values)
    {
        double sum = 0;
        int n = 0;
        foreach (var v in values) if (!double.IsNaN(v)) { sum += v; n++; }
        return n == 0 ? double.NaN : sum / n;
    }

    private static double MeanLongitude(IEnumerable<double> values)
    {
        var v = values.Where(x => !double.IsNaN(x)).ToList();
        if (v.Count == 0) return double.NaN;
        if (v.Max() - v.Min() <= 180) return v.Average();
        double m = v.Select(x => x < 0 ? x + 360 : x).Average();
        return m > 180 ? m - 360 : m;
    }

    /// <summary>Rows grouped by key in order of first appearance; a row without a key is a group of its own.</summary>
    internal static List<List<int>> GroupRows(IReadOnlyList<string?> keys)
    {
        var groups = new List<List<int>>();
        var byKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int r = 0; r < keys.Count; r++)
        {
            if (keys[r] is { } k && byKey.TryGetValue(k, out var g)) { g.Add(r); continue; }
            var group = new List<int> { r };
            groups.Add(group);
            if (keys[r] is { } key) byKey[key] = group;
        }
        return groups;
    }
}
