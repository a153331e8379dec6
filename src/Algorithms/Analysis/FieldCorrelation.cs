using GisBridge.Algorithms.Common;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace GisBridge.Algorithms.Analysis;

/// <summary>Pearson and Spearman correlation of one pair of fields over the samples (of one group, or all when
/// <see cref="Group"/> is null) where both are present; p-values are two-sided from Student's t with n - 2 degrees
/// of freedom (for Spearman the same large-sample approximation SciPy uses).</summary>
public sealed record CorrelationPair(string X, string Y, string? Group, int Count,
    double Pearson, double PearsonP, double Spearman, double SpearmanP);

/// <summary>Correlations between two lists of fields (e.g. indices against sampled rasters), overall and per group.
/// MathNet computes the coefficients and the t distribution.</summary>
public static class FieldCorrelation
{
    /// <summary>Pairs with fewer than this many complete samples get NaN coefficients.</summary>
    public const int MinimumCount = 3;

    public static IReadOnlyList<CorrelationPair> Compute(SampleTable table, IReadOnlyList<string> xFields,
        IReadOnlyList<string> yFields, string? groupField)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var f in xFields.Concat(yFields))
            if (!table.HasNumeric(f))
                throw new ArgumentException($"field '{f}' is not a numeric column of the table (numeric columns: {string.Join(", ", table.NumericColumns)})");
        var groups = groupField is null ? null : GroupLabels(table, groupField);
        var all = Enumerable.Range(0, table.RowCount).ToArray();
        var subsets = new List<(string? Group, int[] Rows)> { (null, all) };
        if (groups is not null)
            subsets.AddRange(all.Where(r => !string.IsNullOrWhiteSpace(groups[r])).GroupBy(r => groups[r]!, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => ((string?)g.Key, g.ToArray())));
        var result = new List<CorrelationPair>();
        foreach (var (group, rows) in subsets)
            foreach (var xf in xFields)
                foreach (var yf in yFields)
                    result.Add(Pair(xf, yf, group, table.Numeric(xf), table.Numeric(yf), rows));
        return result;
    }

    /// <summary>The group of each row as text (numeric groups such as cluster numbers printed; missing = null).</summary>
    public static string?[] GroupLabels(SampleTable table, string field) =>
        table.HasText(field) ? table.Text(field)
        : table.HasNumeric(field) ? table.Numeric(field).Select(v => double.IsFinite(v) ? v.ToString("G", System.Globalization.CultureInfo.InvariantCulture) : null).ToArray()
        : throw new ArgumentException($"group field '{field}' is not a column of the table");

    public static CorrelationPair Pair(string xName, string yName, string? group, double[] x, double[] y, IEnumerable<int> rows)
    {
        var complete = rows.Where(r => double.IsFinite(x[r]) && double.IsFinite(y[r])).ToArray();
        int n = complete.Length;
        if (n < MinimumCount) return new CorrelationPair(xName, yName, group, n, double.NaN, double.NaN, double.NaN, double.NaN);
        var xs = complete.Select(r => x[r]).ToArray();
        var ys = complete.Select(r => y[r]).ToArray();
        double pearson = Correlation.Pearson(xs, ys), spearman = Correlation.Spearman(xs, ys);
        return new CorrelationPair(xName, yName, group, n, pearson, PValue(pearson, n), spearman, PValue(spearman, n));
    }

    /// <summary>Two-sided p of a correlation coefficient r from n pairs: t = r sqrt((n-2)/(1-r²)).</summary>
    public static double PValue(double r, int n)
    {
        if (!double.IsFinite(r) || n < MinimumCount) return double.NaN;
        if (Math.Abs(r) >= 1) return 0;
        double t = r * Math.Sqrt((n - 2) / (1 - r * r));
        return 2 * StudentT.CDF(0, 1, n - 2, -Math.Abs(t));
    }
}
