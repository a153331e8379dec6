using System.Collections;
using GisBridge.Algorithms.Common;
using GisBridge.Server.Io.Gdal;
using NetTopologySuite.Geometries;

namespace GisBridge.Server.Geochemistry;

/// <summary>The columns of a <see cref="SampleTable"/> as seen by the per-row attribute views.</summary>
internal sealed class SampleColumns
{
    public SampleColumns(SampleTable table, IReadOnlySet<string> integerColumns)
    {
        Names = [.. table.Columns];
        Numeric = Names.Select(n => table.HasNumeric(n) ? table.Numeric(n) : null).ToArray();
        Text = Names.Select(n => table.HasText(n) ? table.Text(n) : null).ToArray();
        IsInteger = Names.Select(integerColumns.Contains).ToArray();
        Index = Names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
    }

    public string[] Names { get; }
    public double[]?[] Numeric { get; }
    public string?[]?[] Text { get; }
    public bool[] IsInteger { get; }
    public Dictionary<string, int> Index { get; }

    /// <summary>Cell value as a field value: double, int for integer columns, string; null when missing.</summary>
    public object? Value(int column, int row) => Numeric[column] is { } n
        ? double.IsNaN(n[row]) ? null : IsInteger[column] ? (int)n[row] : n[row]
        : Text[column]![row];
}

/// <summary>
/// One row's attributes, read from the table's column arrays on demand (only non-missing cells are listed), so that
/// a layer of 100,000 rows does not hold 100,000 dictionaries of boxed values.
/// </summary>
internal sealed class SampleRowAttributes(SampleColumns columns, int row) : IReadOnlyDictionary<string, object?>
{
    public object? this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"no value for '{key}' in row {row}");

    public IEnumerable<string> Keys => this.Select(p => p.Key);
    public IEnumerable<object?> Values => this.Select(p => p.Value);
    public int Count => this.Count();

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, out object? value)
    {
        value = columns.Index.TryGetValue(key, out int c) ? columns.Value(c, row) : null;
        return value is not null;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (int c = 0; c < columns.Names.Length; c++)
            if (columns.Value(c, row) is { } v) yield return new(columns.Names[c], v);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// The features of a sample layer, made on access from the coordinate columns (no geometry without both): a layer of 100,000 rows then holds
/// no 100,000 point objects (about 20 MB that the writer only reads once).
/// </summary>
internal sealed class SampleFeatures(SampleColumns columns, double[] longitude, double[] latitude, GeometryFactory factory)
    : IReadOnlyList<VectorFeature>
{
    public int Count => longitude.Length;

    public VectorFeature this[int row] => (uint)row < (uint)longitude.Length
        ? new VectorFeature(double.IsFinite(longitude[row]) && double.IsFinite(latitude[row])
            ? factory.CreatePoint(new Coordinate(longitude[row], latitude[row])) : null, new SampleRowAttributes(columns, row))
        : throw new ArgumentOutOfRangeException(nameof(row), $"row {row} of {longitude.Length}");

    public IEnumerator<VectorFeature> GetEnumerator()
    {
        for (int r = 0; r < longitude.Length; r++)
            yield return this[r];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
