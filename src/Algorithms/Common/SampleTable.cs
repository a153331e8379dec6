namespace GisBridge.Algorithms.Common;

/// <summary>
/// A table of samples: numeric columns (NaN = missing) and text columns (null = missing), all of
/// <see cref="RowCount"/> rows. Point locations are the numeric columns "longitude" and "latitude" (degrees,
/// -180..180 / -90..90) when present. Column names are canonical (lower case, see the geochemistry alias table).
/// </summary>
public sealed class SampleTable
{
    private readonly Dictionary<string, double[]> _numeric = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?[]> _text = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public SampleTable(int rowCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        RowCount = rowCount;
    }

    public const string Longitude = "longitude";
    public const string Latitude = "latitude";

    public int RowCount { get; }

    /// <summary>All column names in insertion order.</summary>
    public IReadOnlyList<string> Columns => _order;
    public IEnumerable<string> NumericColumns => _order.Where(_numeric.ContainsKey);
    public IEnumerable<string> TextColumns => _order.Where(_text.ContainsKey);

    public bool HasNumeric(string name) => _numeric.ContainsKey(name);
    public bool HasText(string name) => _text.ContainsKey(name);
    public bool HasLocation => HasNumeric(Longitude) && HasNumeric(Latitude);

    public double[] Numeric(string name) => _numeric.TryGetValue(name, out var v)
        ? v
        : throw new KeyNotFoundException($"numeric column '{name}' is not in the table (columns: {string.Join(", ", _order)})");

    public string?[] Text(string name) => _text.TryGetValue(name, out var v)
        ? v
        : throw new KeyNotFoundException($"text column '{name}' is not in the table (columns: {string.Join(", ", _order)})");

    public void SetNumeric(string name, double[] values)
    {
        Check(name, values.Length);
        if (_text.Remove(name)) _order.Remove(name);
        if (!_numeric.ContainsKey(name)) _order.Add(name);
        _numeric[name] = values;
    }

    public void SetText(string name, string?[] values)
    {
        Check(name, values.Length);
        if (_numeric.Remove(name)) _order.Remove(name);
        if (!_text.ContainsKey(name)) _order.Add(name);
        _text[name] = values;
    }

    /// <summary>A new table with the rows whose indices are given, in that order.</summary>
    public SampleTable SelectRows(IReadOnlyList<int> rows)
    {
        var t = new SampleTable(rows.Count);
        foreach (var name in _order)
        {
            if (_numeric.TryGetValue(name, out var n)) t.SetNumeric(name, rows.Select(r => n[r]).ToArray());
            else t.SetText(name, rows.Select(r => _text[name][r]).ToArray());
        }
        return t;
    }

    private void Check(string name, int length)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (length != RowCount)
            throw new ArgumentException($"column '{name}' has {length} values, the table has {RowCount} rows");
    }
}
