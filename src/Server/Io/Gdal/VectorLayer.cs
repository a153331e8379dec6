using NetTopologySuite.Geometries;

namespace GisBridge.Server.Io.Gdal;

/// <summary>Attribute types carried between OGR and the algorithms.</summary>
public enum VectorFieldType
{
    /// <summary>32-bit integer (values: int).</summary>
    Integer,
    /// <summary>64-bit integer (values: long).</summary>
    Integer64,
    /// <summary>Floating point (values: double).</summary>
    Real,
    /// <summary>Text (values: string). OGR lists, times and binary fields are read as their text form.</summary>
    String,
    /// <summary>Calendar date (values: DateOnly).</summary>
    Date,
    /// <summary>Date and time (values: DateTime; Utc when the source says so, otherwise Unspecified).</summary>
    DateTime,
}

/// <summary>An attribute column.</summary>
public sealed record VectorField(string Name, VectorFieldType Type)
{
    public string Name { get; } = !string.IsNullOrWhiteSpace(Name) ? Name : throw new ArgumentException("field name is empty");
}

/// <summary>A feature: geometry (null when it has none) and attribute values by field name (null = unset).</summary>
public sealed class VectorFeature
{
    public VectorFeature(Geometry? geometry, IReadOnlyDictionary<string, object?> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        Geometry = geometry;
        Attributes = attributes;
    }

    public Geometry? Geometry { get; }
    public IReadOnlyDictionary<string, object?> Attributes { get; }

    /// <summary>The attribute as text (numbers in the invariant culture, trimmed), or null when unset or blank.</summary>
    public string? Text(string field) => Attributes.GetValueOrDefault(field) switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        var value => value.ToString(),
    };
}

/// <summary>A layer of features with typed attribute fields and a CRS (WKT; "" when unknown).</summary>
public sealed class VectorLayer
{
    /// <param name="columns">Optional column-wise copy of the attribute values (see <see cref="VectorColumns"/>).</param>
    public VectorLayer(string name, string crsWkt, IReadOnlyList<VectorField> fields, IReadOnlyList<VectorFeature> features,
        VectorColumns? columns = null)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("layer name is empty");
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(features);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase); // OGR field names are case-insensitive
        foreach (var f in fields)
        {
            if (!seen.Add(f.Name))
                throw new ArgumentException($"layer '{name}': field '{f.Name}' appears twice (names are case-insensitive)");
        }
        columns?.Validate(name, fields, features.Count);
        Name = name;
        CrsWkt = crsWkt ?? "";
        Columns = columns;
        Fields = fields;
        Features = features;
    }

    public string Name { get; }
    public string CrsWkt { get; }
    public IReadOnlyList<VectorField> Fields { get; }
    public IReadOnlyList<VectorFeature> Features { get; }

    /// <summary>The attribute values column by column, when the producer supplied them; null otherwise.</summary>
    public VectorColumns? Columns { get; }

    /// <summary>The field of that name (case-insensitive), or null.</summary>
    public VectorField? Field(string name) =>
        Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
