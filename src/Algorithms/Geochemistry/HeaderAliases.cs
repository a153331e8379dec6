namespace GisBridge.Algorithms.Geochemistry;

/// <summary>Concentration or value unit of a column.</summary>
public enum ValueUnit { None, WtPercent, Ppm, Ppb, Ratio, Degrees, Metres }

/// <summary>What a canonical column holds.</summary>
public enum ColumnRole { Text, Oxide, Element, IsotopeRatio, Coordinate, OtherNumeric }

/// <summary>A canonical column: name (lower case), role and the unit its values are stored in.</summary>
public sealed record CanonicalColumn(string Name, ColumnRole Role, ValueUnit Unit)
{
    public bool IsNumeric => Role != ColumnRole.Text;
    /// <summary>Analytical values (oxides, elements, isotope ratios): where GEOROC writes 0 for "not detected".</summary>
    public bool IsAnalytical => Role is ColumnRole.Oxide or ColumnRole.Element or ColumnRole.IsotopeRatio;
}

/// <summary>A header spelling resolved: the canonical column, the unit written in the header, the factor that
/// converts header units to canonical units, and whether it is a GEOROC "altern. values or methods" column.</summary>
public sealed record HeaderMatch(CanonicalColumn Column, ValueUnit SourceUnit, double Scale, bool Alternative);

/// <summary>
/// The one alias table: header spellings of GEOROC (old <c>SIO2(WT%)</c>, <c>LATITUDE MIN</c>, <c>SR87_SR86</c>
/// and new <c>LATITUDE (MIN.)</c>, <c>LA(PPM): altern. values or methods</c>), EarthChem/PetDB (<c>SIO2</c>,
/// <c>FEOT</c>, <c>LATITUDE</c>), Gale-style (<c>SiO2</c>, <c>87Sr/86Sr</c>) and common variants. A header is
/// reduced to a key (lower case letters, digits, '*' only) after its unit suffix is split off, then looked up.
/// The canonical names are documented in docs/geochemistry-columns.md.
/// </summary>
public static class HeaderAliases
{
    public const string LatitudeMin = "latitude_min", LatitudeMax = "latitude_max";
    public const string LongitudeMin = "longitude_min", LongitudeMax = "longitude_max";

    private static readonly string[] Oxides =
        ["sio2", "tio2", "al2o3", "cr2o3", "fe2o3", "feo", "feot", "fe2o3t", "cao", "mgo", "mno", "nio", "k2o",
         "na2o", "p2o5", "h2o", "co2", "loi"];

    private static readonly string[] Elements =
        ["li", "be", "b", "sc", "ti", "v", "cr", "co", "ni", "cu", "zn", "ga", "rb", "sr", "y", "zr", "nb", "mo",
         "sn", "cs", "ba", "la", "ce", "pr", "nd", "sm", "eu", "gd", "tb", "dy", "ho", "er", "tm", "yb", "lu", "hf",
         "ta", "w", "tl", "pb", "th", "u"];

    // (canonical, numerator mass, numerator element, denominator mass, denominator element)
    private static readonly (string Name, string Num, string Den)[] Ratios =
    [
        ("sr87_sr86", "87sr", "86sr"), ("nd143_nd144", "143nd", "144nd"), ("pb206_pb204", "206pb", "204pb"),
        ("pb207_pb204", "207pb", "204pb"), ("pb208_pb204", "208pb", "204pb"), ("pb207_pb206", "207pb", "206pb"),
        ("pb208_pb206", "208pb", "206pb"), ("hf176_hf177", "176hf", "177hf"),
    ];

    private static readonly (Dictionary<string, CanonicalColumn> Keys, Dictionary<string, CanonicalColumn> Names) Tables = Build();
    private static Dictionary<string, CanonicalColumn> ByKey => Tables.Keys;
    private static Dictionary<string, CanonicalColumn> ByName => Tables.Names;

    private static (Dictionary<string, CanonicalColumn>, Dictionary<string, CanonicalColumn>) Build()
    {
        var keys = new Dictionary<string, CanonicalColumn>(StringComparer.Ordinal);
        var names = new Dictionary<string, CanonicalColumn>(StringComparer.Ordinal);
        void Add(CanonicalColumn c, params string[] spellings)
        {
            names.TryAdd(c.Name, c);
            keys.TryAdd(Key(c.Name), c);
            foreach (var s in spellings) keys.TryAdd(Key(s), c);
        }
        foreach (var o in Oxides) Add(new(o, ColumnRole.Oxide, ValueUnit.WtPercent));
        Add(names["feot"], "feo*", "feotot", "feototal", "feo(t)", "feo_tot", "feo t");
        Add(names["fe2o3t"], "fe2o3*", "fe2o3tot", "fe2o3total", "fe2o3(t)");
        foreach (var e in Elements) Add(new(e, ColumnRole.Element, ValueUnit.Ppm));
        foreach (var (name, num, den) in Ratios)
        {
            string numEl = num.TrimStart("0123456789".ToCharArray()), numMass = num[..^numEl.Length];
            string denEl = den.TrimStart("0123456789".ToCharArray()), denMass = den[..^denEl.Length];
            Add(new(name, ColumnRole.IsotopeRatio, ValueUnit.Ratio),
                num + den, numEl + numMass + denEl + denMass, num + "_" + den);
        }
        Add(new("eps_nd_reported", ColumnRole.OtherNumeric, ValueUnit.None), "epsilon_nd", "eps_nd", "epsnd", "εnd");
        Add(new(SampleTableColumns.Latitude, ColumnRole.Coordinate, ValueUnit.Degrees), "lat", "latitude_deg", "latdd", "latitude (deg)");
        Add(new(SampleTableColumns.Longitude, ColumnRole.Coordinate, ValueUnit.Degrees), "lon", "long", "lng", "longitude_deg", "londd");
        Add(new(LatitudeMin, ColumnRole.Coordinate, ValueUnit.Degrees), "latitude min", "latitude (min.)", "lat min", "lat_min");
        Add(new(LatitudeMax, ColumnRole.Coordinate, ValueUnit.Degrees), "latitude max", "latitude (max.)", "lat max", "lat_max");
        Add(new(LongitudeMin, ColumnRole.Coordinate, ValueUnit.Degrees), "longitude min", "longitude (min.)", "lon min", "lon_min");
        Add(new(LongitudeMax, ColumnRole.Coordinate, ValueUnit.Degrees), "longitude max", "longitude (max.)", "lon max", "lon_max");
        Add(new("elevation_min", ColumnRole.OtherNumeric, ValueUnit.Metres), "elevation (min.)");
        Add(new("elevation_max", ColumnRole.OtherNumeric, ValueUnit.Metres), "elevation (max.)");
        Add(new("elevation", ColumnRole.OtherNumeric, ValueUnit.Metres));
        Add(new("sample_id", ColumnRole.Text, ValueUnit.None), "sample", "sample name", "sample_name", "sample id", "samplenumber", "sample no");
        Add(new("unique_id", ColumnRole.Text, ValueUnit.None));
        Add(new("igsn", ColumnRole.Text, ValueUnit.None));
        Add(new("rock_type", ColumnRole.Text, ValueUnit.None), "rocktype");
        Add(new("rock_name", ColumnRole.Text, ValueUnit.None), "rockname");
        Add(new("province", ColumnRole.Text, ValueUnit.None));
        Add(new("area", ColumnRole.Text, ValueUnit.None));
        Add(new("location", ColumnRole.Text, ValueUnit.None));
        Add(new("location_comment", ColumnRole.Text, ValueUnit.None));
        Add(new("tectonic_setting", ColumnRole.Text, ValueUnit.None));
        Add(new("material", ColumnRole.Text, ValueUnit.None));
        Add(new("author", ColumnRole.Text, ValueUnit.None), "authors");
        Add(new("citations", ColumnRole.Text, ValueUnit.None), "citation", "reference", "references");
        Add(new("sample_comment", ColumnRole.Text, ValueUnit.None));
        Add(new("flow", ColumnRole.Text, ValueUnit.None));
        Add(new("alteration", ColumnRole.Text, ValueUnit.None));
        Add(new("land_or_sea", ColumnRole.Text, ValueUnit.None));
        return (keys, names);
    }

    /// <summary>Every canonical column the table knows, by name.</summary>
    public static IReadOnlyDictionary<string, CanonicalColumn> Canonical => ByName;

    /// <summary>Resolves a header spelling; null when the spelling is not in the table.</summary>
    public static HeaderMatch? Resolve(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        string h = header.Trim();
        bool alternative = false;
        int colon = h.IndexOf(':');
        if (colon > 0 && h.IndexOf("altern", colon, StringComparison.OrdinalIgnoreCase) > 0)
        {
            alternative = true;
            h = h[..colon];
        }
        var (stem, unit) = SplitUnit(h);
        if (!ByKey.TryGetValue(Key(stem), out var column))
        {
            if (unit == ValueUnit.None || !ByKey.TryGetValue(Key(h), out column)) return null;
            unit = ValueUnit.None;
        }
        var source = unit == ValueUnit.None ? column.Unit : unit;
        return new HeaderMatch(column, source, UnitScale(source, column.Unit), alternative);
    }

    /// <summary>A canonical column by name, or a new numeric/text column for a user mapping to an unlisted name.</summary>
    public static CanonicalColumn? Lookup(string canonicalName) => ByName.GetValueOrDefault(canonicalName);

    /// <summary>Factor converting a value in <paramref name="from"/> to <paramref name="to"/> (1 when unrelated).</summary>
    public static double UnitScale(ValueUnit from, ValueUnit to) => (from, to) switch
    {
        (ValueUnit.WtPercent, ValueUnit.Ppm) => 1e4,
        (ValueUnit.Ppm, ValueUnit.WtPercent) => 1e-4,
        (ValueUnit.Ppb, ValueUnit.Ppm) => 1e-3,
        (ValueUnit.Ppb, ValueUnit.WtPercent) => 1e-7,
        (ValueUnit.WtPercent, ValueUnit.Ppb) => 1e7,
        (ValueUnit.Ppm, ValueUnit.Ppb) => 1e3,
        _ => 1.0,
    };

    public static string UnitLabel(ValueUnit unit) => unit switch
    {
        ValueUnit.WtPercent => "wt%",
        ValueUnit.Ppm => "ppm",
        ValueUnit.Ppb => "ppb",
        ValueUnit.Ratio => "ratio",
        ValueUnit.Degrees => "degrees",
        ValueUnit.Metres => "m",
        _ => "",
    };

    public static bool TryParseUnit(string text, out ValueUnit unit)
    {
        unit = Key(text) switch
        {
            "wt%" or "wt" or "wtpercent" or "%" => ValueUnit.WtPercent,
            "ppm" or "µg/g" or "ugg" => ValueUnit.Ppm,
            "ppb" or "ngg" => ValueUnit.Ppb,
            _ => ValueUnit.None,
        };
        return unit != ValueUnit.None;
    }

    /// <summary>Splits a unit suffix off a header: "SIO2(WT%)", "La [ppm]", "Au_ppb", "MgO wt.%".</summary>
    internal static (string Stem, ValueUnit Unit) SplitUnit(string header)
    {
        string lower = header.ToLowerInvariant().TrimEnd();
        foreach (var (suffix, unit) in UnitSuffixes)
        {
            if (!lower.EndsWith(suffix, StringComparison.Ordinal)) continue;
            string stem = lower[..^suffix.Length].TrimEnd(' ', '_', '(', '[', '.', '-');
            if (stem.Length > 0) return (stem, unit);
        }
        return (lower, ValueUnit.None);
    }

    private static readonly (string Suffix, ValueUnit Unit)[] UnitSuffixes =
    [
        ("(wt%)", ValueUnit.WtPercent), ("[wt%]", ValueUnit.WtPercent), ("(wt.%)", ValueUnit.WtPercent),
        ("wt.%", ValueUnit.WtPercent), ("wt%", ValueUnit.WtPercent), ("(ppm)", ValueUnit.Ppm), ("[ppm]", ValueUnit.Ppm),
        ("_ppm", ValueUnit.Ppm), (" ppm", ValueUnit.Ppm), ("(ppb)", ValueUnit.Ppb), ("[ppb]", ValueUnit.Ppb),
        ("_ppb", ValueUnit.Ppb), (" ppb", ValueUnit.Ppb),
    ];

    /// <summary>Lower-case letters, digits, '*' and '%' only: "LATITUDE (MIN.)" and "LATITUDE MIN" meet.</summary>
    internal static string Key(string s)
    {
        Span<char> buffer = s.Length <= 256 ? stackalloc char[s.Length] : new char[s.Length];
        int n = 0;
        foreach (char c in s)
            if (char.IsLetterOrDigit(c) || c == '*' || c == '%') buffer[n++] = char.ToLowerInvariant(c);
        return new string(buffer[..n]);
    }
}

/// <summary>Names of the location columns (same as <see cref="Common.SampleTable"/>).</summary>
internal static class SampleTableColumns
{
    public const string Latitude = Common.SampleTable.Latitude;
    public const string Longitude = Common.SampleTable.Longitude;
}
