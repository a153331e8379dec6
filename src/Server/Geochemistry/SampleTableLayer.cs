using GisBridge.Algorithms.Common;
using GisBridge.Server.Gdal;
using NetTopologySuite.Geometries;

namespace GisBridge.Server.Geochemistry;

/// <summary>
/// A <see cref="SampleTable"/> as a point layer in EPSG:4326: one feature per row at (longitude, latitude),
/// every column a field (numeric -> Real, text -> String), NaN and missing text -> unset (NULL), never 0.
/// </summary>
public static class SampleTableLayer
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <summary>0/1 flags and counts: stored as Integer fields so that QGIS filters and styles them as such.</summary>
    private static readonly HashSet<string> IntegerColumns = ["dupal", "na8_outside_calibration", "merged_rows"];

    public static VectorLayer ToLayer(SampleTable table, string layerName)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!table.HasLocation)
            throw new ArgumentException("the table has no longitude/latitude columns, so it cannot become a point layer");
        var names = table.Columns.Where(c => c is not (SampleTable.Longitude or SampleTable.Latitude)).ToArray();
        var fields = names.Select(n => new VectorField(n, table.HasText(n) ? VectorFieldType.String
            : IntegerColumns.Contains(n) ? VectorFieldType.Integer : VectorFieldType.Real)).ToList();
        var isInteger = names.Select(IntegerColumns.Contains).ToArray();
        var numeric = names.Select(n => table.HasNumeric(n) ? table.Numeric(n) : null).ToArray();
        var text = names.Select(n => table.HasText(n) ? table.Text(n) : null).ToArray();
        var lon = table.Numeric(SampleTable.Longitude);
        var lat = table.Numeric(SampleTable.Latitude);
        var features = new VectorFeature[table.RowCount];
        for (int r = 0; r < features.Length; r++)
        {
            // Longitude and latitude stay as attributes too: spreadsheets and the plugin read them directly.
            var attributes = new Dictionary<string, object?>(names.Length + 2, StringComparer.Ordinal)
            {
                [SampleTable.Longitude] = lon[r],
                [SampleTable.Latitude] = lat[r],
            };
            for (int c = 0; c < names.Length; c++)
            {
                object? value = numeric[c] is { } n
                    ? double.IsNaN(n[r]) ? null : isInteger[c] ? (int)n[r] : n[r]
                    : text[c]![r];
                if (value is not null) attributes[names[c]] = value;
            }
            features[r] = new VectorFeature(Factory.CreatePoint(new Coordinate(lon[r], lat[r])), attributes);
        }
        fields.InsertRange(0, [new VectorField(SampleTable.Longitude, VectorFieldType.Real), new VectorField(SampleTable.Latitude, VectorFieldType.Real)]);
        return new VectorLayer(layerName, "EPSG:4326", fields, features);
    }
}
