using System.Globalization;
using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Geochemistry;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Io.Sep;
using GisBridge.Server.Jobs;
using NetTopologySuite.Geometries;

namespace GisBridge.Server.Regions;

/// <summary>Reads any table OGR opens (GeoPackage from the indices capability, shapefile, GeoJSON, CSV) into a
/// <see cref="SampleTable"/>; tables become layers through <see cref="Geochemistry.SampleTableLayer"/>.</summary>
public static class SampleTableIo
{
    /// <summary>Reads the samples. A CSV or text table goes through the geochemistry reader (GEOROC, EarthChem,
    /// Gale-style: canonical names, 0-as-missing isotopes, UTF-7, mixed longitudes), and the anomaly indices are
    /// computed unless the table already holds index columns. Any other file is read by OGR: column names become
    /// lower case (the canonical form); numeric fields become numeric columns; "longitude"/"latitude" come from the
    /// fields of those names (or lon/lat) or else from point geometries; longitudes are wrapped to -180..180.</summary>
    public static SampleTable Read(string path, string inputName)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension is ".csv" or ".txt" or ".tsv" ? ReadGeochemTable(path) : ReadLayer(path, inputName);
    }

    /// <summary>Field that names the file a sample came from when several files are read together.</summary>
    public const string SourceField = "source";

    /// <summary>Reads one or several sample files. Several become one table with the union of their columns (a column
    /// numeric in one file and text in another becomes text) and the file name in <see cref="SourceField"/>
    /// (unless the files already carry that field).</summary>
    public static SampleTable ReadAll(IReadOnlyList<InputFile> files, string inputName)
    {
        if (files.Count == 0) throw new JobInputException(inputName, "no samples file given");
        var tables = files.Select(f => Read(f.Path, inputName)).ToArray();
        if (tables.Length == 1) return tables[0];
        var names = files.Select(f => Path.GetFileNameWithoutExtension(f.FileName)).ToArray();
        if (names.Distinct(StringComparer.Ordinal).Count() < names.Length)
            throw new JobInputException(inputName, "two samples files have the same name: " + string.Join(", ", names) + " (the name is the source of each sample)");
        var merged = new SampleTable(tables.Sum(t => t.RowCount));
        var columns = tables.SelectMany(t => t.Columns).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var name in columns)
        {
            bool text = tables.Any(t => t.HasText(name));
            if (text)
                merged.SetText(name, tables.SelectMany(t => t.HasText(name) ? t.Text(name)
                    : t.HasNumeric(name) ? t.Numeric(name).Select(v => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : null)
                    : new string?[t.RowCount]).ToArray());
            else
                merged.SetNumeric(name, tables.SelectMany(t => t.HasNumeric(name) ? t.Numeric(name) : Enumerable.Repeat(double.NaN, t.RowCount)).ToArray());
        }
        if (!merged.HasText(SourceField) && !merged.HasNumeric(SourceField))
            merged.SetText(SourceField, tables.SelectMany((t, k) => Enumerable.Repeat<string?>(names[k], t.RowCount)).ToArray());
        return merged;
    }

    private static SampleTable ReadGeochemTable(string path)
    {
        var read = GeochemCsvReader.ReadFile(path, new ReaderOptions { SourceName = Path.GetFileName(path) });
        var table = read.Table;
        if (!AnomalyIndexCalculator.IndexColumns.Any(table.HasNumeric))
            AnomalyIndexCalculator.Compute(table, new AnomalyIndexOptions());
        return table;
    }

    private static SampleTable ReadLayer(string path, string inputName)
    {
        var layer = OgrVectorReader.Read(path);
        if (layer.CrsWkt.TrimStart().StartsWith("PROJ", StringComparison.OrdinalIgnoreCase))
            throw new JobInputException(inputName, $"'{Path.GetFileName(path)}' is in a projected CRS; the regions tools need longitude/latitude (EPSG:4326)");
        int n = layer.Features.Count;
        if (n == 0) throw new JobInputException(inputName, $"'{Path.GetFileName(path)}' has no feature");
        var table = new SampleTable(n);
        foreach (var field in layer.Fields)
        {
            var name = field.Name.Trim().ToLowerInvariant();
            if (table.Columns.Contains(name)) continue;
            var raw = layer.Features.Select(f => f.Attributes.TryGetValue(field.Name, out var v) ? v : null).ToArray();
            if (field.Type is VectorFieldType.Integer or VectorFieldType.Integer64 or VectorFieldType.Real)
                table.SetNumeric(name, raw.Select(v => v is null ? double.NaN : Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray());
            else if (field.Type == VectorFieldType.String && AllNumbers(raw, out var numbers))
                table.SetNumeric(name, numbers);
            else
                table.SetText(name, raw.Select(v => v?.ToString()).ToArray());
        }
        Alias(table, "lon", SampleTable.Longitude);
        Alias(table, "lat", SampleTable.Latitude);
        if (!table.HasLocation && layer.Features.Any(f => f.Geometry is Point))
        {
            table.SetNumeric(SampleTable.Longitude, layer.Features.Select(f => f.Geometry is Point p ? p.X : double.NaN).ToArray());
            table.SetNumeric(SampleTable.Latitude, layer.Features.Select(f => f.Geometry is Point p ? p.Y : double.NaN).ToArray());
        }
        if (table.HasNumeric(SampleTable.Longitude))
        {
            var lon = table.Numeric(SampleTable.Longitude);
            for (int i = 0; i < n; i++) if (double.IsFinite(lon[i]) && (lon[i] > 180 || lon[i] < -180)) lon[i] -= 360 * Math.Round(lon[i] / 360);
        }
        return table;
    }

    /// <summary>Splits a comma-separated list of names, lower case, empty entries removed.</summary>
    public static string[] Names(IEnumerable<string> values) => values
        .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        .Select(v => v.ToLowerInvariant()).ToArray();

    /// <summary>A column name as the table holds it (lower case), or null when empty.</summary>
    public static string? Name(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();

    private static void Alias(SampleTable table, string alias, string canonical)
    {
        if (!table.HasNumeric(canonical) && table.HasNumeric(alias)) table.SetNumeric(canonical, table.Numeric(alias));
    }

    private static bool AllNumbers(object?[] raw, out double[] numbers)
    {
        numbers = new double[raw.Length];
        int present = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            var s = raw[i]?.ToString()?.Trim();
            if (string.IsNullOrEmpty(s)) { numbers[i] = double.NaN; continue; }
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i])) return false;
            present++;
        }
        return present > 0;
    }
}
