namespace GisBridge.Server.Gdal;

/// <summary>
/// A layer's attribute values column by column, in the order of its fields: <c>double[]</c> for Integer,
/// Integer64 and Real fields (NaN = NULL; integer fields are truncated to whole numbers), <c>string?[]</c> for
/// String fields (null = NULL). It must hold the same values as the features' attribute dictionaries; writers
/// that can use it (the GeoPackage bulk point writer) read it instead of boxing every value.
/// </summary>
public sealed class VectorColumns
{
    private readonly Array[] _values;

    public VectorColumns(IReadOnlyList<Array> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = [.. values];
    }

    public int Count => _values.Length;

    /// <summary>Numeric values of field <paramref name="field"/>, or null when it is a text column.</summary>
    public double[]? Numbers(int field) => _values[field] as double[];

    /// <summary>Text values of field <paramref name="field"/>, or null when it is a numeric column.</summary>
    public string?[]? Texts(int field) => _values[field] as string?[];

    /// <summary>Checks that the columns match the layer's fields and feature count (ArgumentException naming the field).</summary>
    internal void Validate(string layer, IReadOnlyList<VectorField> fields, int features)
    {
        if (_values.Length != fields.Count)
            throw new ArgumentException($"layer '{layer}': {_values.Length} attribute columns for {fields.Count} fields");
        for (int i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            bool ok = field.Type switch
            {
                VectorFieldType.Integer or VectorFieldType.Integer64 or VectorFieldType.Real => _values[i] is double[],
                VectorFieldType.String => _values[i] is string?[],
                _ => false,
            };
            if (!ok)
                throw new ArgumentException($"layer '{layer}': column of field '{field.Name}' ({field.Type}) is a {_values[i]?.GetType().Name ?? "null"}, " +
                    "expected double[] for numbers or string[] for text (dates are not supported column-wise)");
            if (_values[i].Length != features)
                throw new ArgumentException($"layer '{layer}': column of field '{field.Name}' has {_values[i].Length} values for {features} features");
        }
    }
}
