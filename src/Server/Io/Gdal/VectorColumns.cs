namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// A layer's attribute values column by column, in the order of its fields: <c>double[]</c> for Integer,
/// Integer64 and Real fields (NaN = NULL; integer fields are truncated to whole numbers), <c>string?[]</c> for
/// String fields (null = NULL), and optionally the features' point coordinates (X, Y; NaN = no geometry) when
/// every feature is a 2D point. It must hold the same values as the features; <see cref="OgrVectorWriter"/> reads
/// it instead of the feature objects and their boxed values.
/// </summary>
public sealed class VectorColumns
{
    private readonly Array[] _values;

    public VectorColumns(IReadOnlyList<Array> values, double[]? x = null, double[]? y = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if ((x == null) != (y == null))
            throw new ArgumentException("point coordinates need both X and Y columns");
        _values = [.. values];
        X = x;
        Y = y;
    }

    public int Count => _values.Length;

    /// <summary>X of every feature's point, when the layer is a 2D point layer given column-wise; else null.</summary>
    public double[]? X { get; }

    /// <summary>Y of every feature's point (with <see cref="X"/>).</summary>
    public double[]? Y { get; }

    /// <summary>Numeric values of field <paramref name="field"/>, or null when it is a text column.</summary>
    public double[]? Numbers(int field) => _values[field] as double[];

    /// <summary>Text values of field <paramref name="field"/>, or null when it is a numeric column.</summary>
    public string?[]? Texts(int field) => _values[field] as string?[];

    /// <summary>Checks that the columns match the layer's fields and feature count (ArgumentException naming the field).</summary>
    internal void Validate(string layer, IReadOnlyList<VectorField> fields, int features)
    {
        if (X != null && (X.Length != features || Y!.Length != features))
            throw new ArgumentException($"layer '{layer}': {X.Length} X and {Y!.Length} Y coordinates for {features} features");
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
