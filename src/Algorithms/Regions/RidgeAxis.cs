using System.Globalization;
using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Regions;

/// <summary>How samples are ordered along a ridge.</summary>
public enum RidgeOrder
{
    /// <summary>By longitude (degrees), unwrapped around the group's mean so a ridge across 180° stays in order.</summary>
    Longitude,
    /// <summary>By distance (km) along a straight axis fitted to the group's positions (principal axis in a local
    /// tangent plane), increasing eastwards. Suits one ridge section, not a ridge that turns a corner.</summary>
    AlongRidge,
    /// <summary>By distance (km) along a known ridge axis (<see cref="IndianOceanRidges"/>) from its named start;
    /// groups that are not a known ridge are left out, and so are samples farther off the axis than the limit.</summary>
    Axis,
}

/// <summary>Samples of one group ordered along the ridge.</summary>
public sealed record OrderedGroup(string Group, int[] Rows, double[] Positions, double[] Longitudes, double[] Latitudes)
{
    /// <summary>The axis the positions are measured along (Axis order only).</summary>
    public RidgeAxisLine? Axis { get; init; }
}

/// <summary>Groups table rows (by a text or numeric field, or all in one) and orders them along the ridge.</summary>
public static class RidgeAxis
{
    private const double EarthRadiusKm = 6371.0;

    /// <summary>Group key of every row (null = row without a group, left out); all rows in "all" when no field.</summary>
    public static string?[] GroupKeys(SampleTable table, string? groupField)
    {
        if (string.IsNullOrWhiteSpace(groupField)) return Enumerable.Repeat<string?>("all", table.RowCount).ToArray();
        if (table.HasText(groupField))
            return table.Text(groupField).Select(s => string.IsNullOrWhiteSpace(s) ? null : s.Trim()).ToArray();
        if (table.HasNumeric(groupField))
            return table.Numeric(groupField).Select(v => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : null).ToArray();
        throw new ArgumentException($"group field '{groupField}' is not a column of the table (columns: {string.Join(", ", table.Columns)})",
            nameof(groupField));
    }

    /// <summary>Rows with a group, a location and (when given) finite values in every required column, per group,
    /// ordered along the ridge.</summary>
    public static IReadOnlyList<OrderedGroup> Order(SampleTable table, string? groupField, RidgeOrder order, IReadOnlyList<string> required,
        IReadOnlyList<RidgeAxisLine>? axes = null, double maxOffsetKm = 300)
    {
        if (!table.HasLocation)
            throw new ArgumentException("ordering along a ridge needs 'longitude' and 'latitude' columns", nameof(table));
        foreach (var c in required)
            if (!table.HasNumeric(c))
                throw new ArgumentException($"index '{c}' is not a numeric column of the table (columns: {string.Join(", ", table.NumericColumns)})",
                    nameof(required));
        var keys = GroupKeys(table, groupField);
        if (order == RidgeOrder.Axis)
        {
            // Group by the ridge each key stands for (CIR and CIRR are one ridge).
            axes ??= IndianOceanRidges.All;
            keys = keys.Select(k => k is null ? null : RidgeAxisLine.Find(axes, k)?.Name).ToArray();
        }
        var lon = table.Numeric(SampleTable.Longitude);
        var lat = table.Numeric(SampleTable.Latitude);
        var cols = required.Select(table.Numeric).ToArray();
        var groups = new List<OrderedGroup>();
        var usable = Enumerable.Range(0, table.RowCount)
            .Where(i => keys[i] is not null && double.IsFinite(lon[i]) && double.IsFinite(lat[i]) && cols.All(c => double.IsFinite(c[i])));
        // Known ridges in the order of their axes (SWIR, CIR, SEIR), other groups by name.
        foreach (var g in usable.GroupBy(i => keys[i]!)
                     .OrderBy(g => axes is null ? 0 : axes.Select(a => a.Name).ToList().IndexOf(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var rows = g.ToArray();
            var (lon0, lat0) = MeanPosition(rows.Select(r => lon[r]), rows.Select(r => lat[r]));
            var unwrapped = rows.Select(r => lon0 + RegionPolygons.Wrap(lon[r] - lon0)).ToArray();
            var lats = rows.Select(r => lat[r]).ToArray();
            var axis = order == RidgeOrder.Axis ? axes!.First(a => a.Name == g.Key) : null;
            var onAxis = axis is null ? null : rows.Select(r => axis.Project(lon[r], lat[r])).ToArray();
            var position = order switch
            {
                RidgeOrder.Longitude => unwrapped,
                RidgeOrder.Axis => onAxis!.Select(p => p.AlongKm).ToArray(),
                _ => AlongAxisKm(unwrapped, lats, lon0, lat0),
            };
            var sorted = Enumerable.Range(0, rows.Length).Where(t => onAxis is null || onAxis[t].OffsetKm <= maxOffsetKm)
                .OrderBy(t => position[t]).ThenBy(t => rows[t]).ToArray();
            if (sorted.Length == 0) continue;
            groups.Add(new OrderedGroup(g.Key, sorted.Select(t => rows[t]).ToArray(), sorted.Select(t => position[t]).ToArray(),
                sorted.Select(t => RegionPolygons.Wrap(unwrapped[t])).ToArray(), sorted.Select(t => lats[t]).ToArray()) { Axis = axis });
        }
        return groups;
    }

    /// <summary>Longitude, latitude of the point at a position along an ordered group (linear between samples).</summary>
    public static (double Lon, double Lat) PointAt(OrderedGroup g, double position)
    {
        var p = g.Positions;
        int i = Array.FindIndex(p, v => v >= position);
        if (i <= 0) return (g.Longitudes[0], g.Latitudes[0]);
        double t = p[i] > p[i - 1] ? (position - p[i - 1]) / (p[i] - p[i - 1]) : 0.5;
        double dlon = RegionPolygons.Wrap(g.Longitudes[i] - g.Longitudes[i - 1]);
        return (RegionPolygons.Wrap(g.Longitudes[i - 1] + t * dlon), g.Latitudes[i - 1] + t * (g.Latitudes[i] - g.Latitudes[i - 1]));
    }

    private static double[] AlongAxisKm(double[] lon, double[] lat, double lon0, double lat0)
    {
        // Local tangent plane (equirectangular about the mean), principal axis by the 2x2 covariance.
        double k = Math.PI / 180 * EarthRadiusKm, c = Math.Cos(lat0 * Math.PI / 180);
        var x = lon.Select(v => (v - lon0) * k * c).ToArray();
        var y = lat.Select(v => (v - lat0) * k).ToArray();
        double sxx = x.Sum(v => v * v), syy = y.Sum(v => v * v), sxy = x.Zip(y, (a, b) => a * b).Sum();
        double angle = 0.5 * Math.Atan2(2 * sxy, sxx - syy);
        double ux = Math.Cos(angle), uy = Math.Sin(angle);
        if (ux < 0 || (ux == 0 && uy < 0)) { ux = -ux; uy = -uy; } // increasing eastwards
        var s = x.Zip(y, (a, b) => a * ux + b * uy).ToArray();
        double min = s.Min();
        return s.Select(v => v - min).ToArray();
    }

    private static (double Lon, double Lat) MeanPosition(IEnumerable<double> lon, IEnumerable<double> lat)
    {
        double x = 0, y = 0, z = 0;
        foreach (var (a, b) in lon.Zip(lat))
        {
            var u = FeatureMatrixBuilder.UnitVector(a, b);
            x += u[0]; y += u[1]; z += u[2];
        }
        return (Math.Atan2(y, x) * 180 / Math.PI, Math.Atan2(z, Math.Sqrt(x * x + y * y)) * 180 / Math.PI);
    }
}
