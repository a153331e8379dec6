using GisBridge.Algorithms.Common;
using GisBridge.Server.Io.Gdal;
using NetTopologySuite.Geometries;

namespace GisBridge.Server.Geochemistry;

/// <summary>
/// A <see cref="SampleTable"/> as a point layer in EPSG:4326, the one converter of every job that writes sample
/// tables (indices, clusters, classifier predictions): one feature per row at (longitude, latitude), no geometry
/// where either is missing or the table has none; every column a field (numeric -> Real, text -> String, 0/1 flags
/// and counts -> Integer); NaN and missing text are left unset (NULL), never 0. Longitude and latitude are also
/// kept as the first two fields.
/// </summary>
public static class SampleTableLayer
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <summary>0/1 flags (dupal: Dupal or not) and counts: Integer fields, so that QGIS filters and styles them as such.</summary>
    private static readonly HashSet<string> IntegerColumns = ["dupal", "na8_outside_calibration", "merged_rows"];

    public static VectorLayer ToLayer(SampleTable table, string layerName)
    {
        ArgumentNullException.ThrowIfNull(table);
        string[] first = table.HasLocation ? [SampleTable.Longitude, SampleTable.Latitude] : [];
        var fields = first.Concat(table.Columns.Where(c => !first.Contains(c)))
            .Select(n => new VectorField(n, table.HasText(n) ? VectorFieldType.String
                : IntegerColumns.Contains(n) ? VectorFieldType.Integer : VectorFieldType.Real))
            .ToList();
        var columns = new SampleColumns(table, IntegerColumns);
        var lon = table.HasLocation ? table.Numeric(SampleTable.Longitude) : Enumerable.Repeat(double.NaN, table.RowCount).ToArray();
        var lat = table.HasLocation ? table.Numeric(SampleTable.Latitude) : lon;
        var features = new SampleFeatures(columns, lon, lat, Factory);
        // The same values column by column, so that the GeoPackage writer need not make a point and box every cell.
        var byColumn = new VectorColumns(fields.Select(f => f.Type == VectorFieldType.String ? (Array)table.Text(f.Name) : table.Numeric(f.Name)).ToList(), lon, lat);
        return new VectorLayer(layerName, "EPSG:4326", fields, features, byColumn);
    }
}
