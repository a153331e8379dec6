using System.Globalization;
using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Regions;

/// <summary>Labelled rows for the classifier: raw indicator values (NaN = missing, imputed at training time),
/// class index per row, class names. Rows with a missing label or with every indicator missing are left out.</summary>
public sealed class ClassificationData
{
    private ClassificationData(float[][] x, int[] y, string[] classes, string[] features, int[] sourceRows, bool labelIsNumeric)
    {
        X = x; Y = y; Classes = classes; Features = features; SourceRows = sourceRows; LabelIsNumeric = labelIsNumeric;
    }

    public float[][] X { get; }
    public int[] Y { get; }
    /// <summary>Class names, sorted (ordinal); numeric labels are written with invariant culture ("0", "1").</summary>
    public string[] Classes { get; }
    public string[] Features { get; }
    /// <summary>Index in the input table of each row.</summary>
    public int[] SourceRows { get; }
    public bool LabelIsNumeric { get; }
    public int Count => Y.Length;

    /// <summary>Builds the labelled rows. The label may be a text column or a numeric one (e.g. dupal 0/1).</summary>
    public static ClassificationData Build(SampleTable table, string label, IReadOnlyList<string> features)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        var labels = LabelStrings(table, label, out bool numeric);
        var names = FeaturesOf(table, features, label);
        var cols = names.Select(table.Numeric).ToArray();
        var keep = Enumerable.Range(0, table.RowCount)
            .Where(i => labels[i] is not null && cols.Any(c => double.IsFinite(c[i]))).ToArray();
        var classes = keep.Select(i => labels[i]!).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (classes.Length < 2)
            throw new ArgumentException($"label '{label}' has {(classes.Length == 0 ? "no value" : $"a single class ('{classes[0]}')")} " +
                "in the rows with indicators: a classifier needs at least 2 classes", nameof(label));
        var index = classes.Select((c, k) => (c, k)).ToDictionary(t => t.c, t => t.k, StringComparer.Ordinal);
        var x = keep.Select(i => cols.Select(c => double.IsFinite(c[i]) ? (float)c[i] : float.NaN).ToArray()).ToArray();
        var y = keep.Select(i => index[labels[i]!]).ToArray();
        return new ClassificationData(x, y, classes, names, keep, numeric);
    }

    /// <summary>Indicator columns of a table to predict on (same order as the model), NaN = missing.</summary>
    public static float[][] FeatureRows(SampleTable table, IReadOnlyList<string> features)
    {
        foreach (var f in features)
            if (!table.HasNumeric(f))
                throw new ArgumentException($"indicator '{f}' used by the model is not a numeric column of the table", nameof(table));
        var cols = features.Select(table.Numeric).ToArray();
        return Enumerable.Range(0, table.RowCount)
            .Select(i => cols.Select(c => double.IsFinite(c[i]) ? (float)c[i] : float.NaN).ToArray()).ToArray();
    }

    /// <summary>A copy keeping only some indicator columns (by index).</summary>
    internal ClassificationData WithFeatures(IReadOnlyList<int> featureIndices) => new(
        X.Select(r => featureIndices.Select(j => r[j]).ToArray()).ToArray(), Y, Classes,
        featureIndices.Select(j => Features[j]).ToArray(), SourceRows, LabelIsNumeric);

    private static string[] FeaturesOf(SampleTable table, IReadOnlyList<string> features, string label)
    {
        if (features is null || features.Count == 0)
            throw new ArgumentException("no indicator given: list the feature columns to predict from", nameof(features));
        foreach (var f in features)
        {
            if (!table.HasNumeric(f))
                throw new ArgumentException($"indicator '{f}' is not a numeric column of the table (columns: " +
                    string.Join(", ", table.NumericColumns) + ")", nameof(features));
            if (f == label) throw new ArgumentException($"indicator '{f}' is the label itself", nameof(features));
            if (table.Numeric(f).All(v => !double.IsFinite(v)))
                throw new ArgumentException($"indicator '{f}' has no value in any row", nameof(features));
        }
        if (features.Distinct(StringComparer.Ordinal).Count() != features.Count)
            throw new ArgumentException("an indicator is listed twice: " + string.Join(", ", features), nameof(features));
        return [.. features];
    }

    private static string?[] LabelStrings(SampleTable table, string label, out bool numeric)
    {
        numeric = table.HasNumeric(label);
        if (numeric)
            return table.Numeric(label).Select(v => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : null).ToArray();
        if (table.HasText(label))
            return table.Text(label).Select(s => string.IsNullOrWhiteSpace(s) ? null : s.Trim()).ToArray();
        throw new ArgumentException($"label field '{label}' is not a column of the table (columns: {string.Join(", ", table.Columns)})", nameof(label));
    }
}
