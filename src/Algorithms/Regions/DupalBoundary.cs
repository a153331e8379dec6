using GisBridge.Algorithms.Common;
using NetTopologySuite.Geometries;

namespace GisBridge.Algorithms.Regions;

/// <summary>Options of <see cref="DupalBoundary"/>.</summary>
public sealed record DupalBoundaryOptions
{
    /// <summary>Index in which change points are sought. Default delta_8_4.</summary>
    public string Index { get; init; } = "delta_8_4";
    /// <summary>One ridge per value of this field; null = all samples in one group.</summary>
    public string? GroupField { get; init; }
    public RidgeOrder OrderBy { get; init; } = RidgeOrder.Longitude;
    /// <summary>Segments on either side of a change whose means fall on opposite sides of this value make a
    /// Dupal boundary. Null = 40 for delta_8_4, no threshold for any other index.</summary>
    public double? Threshold { get; init; }
    public ChangePointOptions ChangePoints { get; init; } = new();
}

/// <summary>A change point placed on the map.</summary>
public sealed record BoundaryPoint(string Group, ChangePoint Change, double Longitude, double Latitude,
    double LowerLongitude, double LowerLatitude, double UpperLongitude, double UpperLatitude,
    /// <summary>True when the segment means lie on opposite sides of the threshold.</summary>
    bool CrossesThreshold);

/// <summary>A run of samples between change points, as a line through them along the ridge.</summary>
public sealed record RidgeSegment(string Group, int FirstIndex, int Count, double Mean, bool? AboveThreshold, LineString Line);

/// <summary>The boundary analysis: change points per group, segments, and the map-view line joining the main
/// threshold-crossing point of each group, north to south (null when fewer than two groups have one).</summary>
public sealed record DupalBoundaryResult(string Index, double Threshold, IReadOnlyList<BoundaryPoint> Points,
    IReadOnlyList<RidgeSegment> Segments, LineString? BoundaryLine, IReadOnlyList<string> Warnings);

/// <summary>Dupal / non-Dupal boundaries along ridges: samples ordered along each ridge, mean-shift change
/// points (<see cref="ChangePointDetection"/>) with bootstrap location intervals, and the changes whose two
/// sides fall on opposite sides of the Dupal threshold (D8/4 = 40, Hart 1984) marked as boundaries.</summary>
public static class DupalBoundary
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static DupalBoundaryResult Detect(SampleTable table, DupalBoundaryOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Index);
        double threshold = options.Threshold ?? (options.Index == "delta_8_4" ? 40.0 : double.NaN);
        var groups = RidgeAxis.Order(table, options.GroupField, options.OrderBy, [options.Index]);
        var values = table.Numeric(options.Index);
        if (groups.Count == 0)
            throw new ArgumentException($"no sample has a location, a group and a value of '{options.Index}'", nameof(table));

        var points = new List<BoundaryPoint>();
        var segments = new List<RidgeSegment>();
        var warnings = new List<string>();
        int minRows = 2 * options.ChangePoints.MinSegment;
        foreach (var g in groups)
        {
            cancellation.ThrowIfCancellationRequested();
            var y = g.Rows.Select(r => values[r]).ToArray();
            if (y.Length < minRows)
            {
                warnings.Add($"group '{g.Group}': {y.Length} samples with {options.Index}, fewer than {minRows} needed for a change point");
                continue;
            }
            var changes = ChangePointDetection.Detect(y, g.Positions, options.ChangePoints);
            foreach (var c in changes)
            {
                var (lon, lat) = RidgeAxis.PointAt(g, c.Position);
                var (lon1, lat1) = RidgeAxis.PointAt(g, c.Lower);
                var (lon2, lat2) = RidgeAxis.PointAt(g, c.Upper);
                bool crosses = double.IsFinite(threshold) && (c.MeanBefore > threshold) != (c.MeanAfter > threshold);
                points.Add(new BoundaryPoint(g.Group, c, lon, lat, lon1, lat1, lon2, lat2, crosses));
            }
            var cuts = changes.Select(c => c.Index).Prepend(0).Append(y.Length).ToArray();
            for (int s = 0; s + 1 < cuts.Length; s++)
            {
                double mean = y[cuts[s]..cuts[s + 1]].Average();
                bool? above = double.IsFinite(threshold) ? mean > threshold : null;
                segments.Add(new RidgeSegment(g.Group, cuts[s], cuts[s + 1] - cuts[s], mean, above, SegmentLine(g, cuts[s], cuts[s + 1])));
            }
        }
        // Map-view line: per group its main crossing (largest jump of the means), groups joined north to south.
        var crossing = points.Where(p => p.CrossesThreshold).GroupBy(p => p.Group)
            .Select(g => g.MaxBy(p => Math.Abs(p.Change.MeanAfter - p.Change.MeanBefore))!)
            .OrderByDescending(p => p.Latitude).ThenBy(p => p.Longitude).ToArray();
        LineString? line = crossing.Length >= 2
            ? Factory.CreateLineString(Unwrapped(crossing.Select(p => (p.Longitude, p.Latitude))).ToArray())
            : null;
        return new DupalBoundaryResult(options.Index, threshold, points, segments, line, warnings);
    }

    /// <summary>Line through the samples of a segment (and to the midpoints of the changes at its ends).</summary>
    private static LineString SegmentLine(OrderedGroup g, int start, int end)
    {
        var pts = new List<(double, double)>();
        if (start > 0) pts.Add(Mid(g, start));
        for (int i = start; i < end; i++) pts.Add((g.Longitudes[i], g.Latitudes[i]));
        if (end < g.Rows.Length) pts.Add(Mid(g, end));
        var coords = Unwrapped(pts).Distinct().ToList();
        if (coords.Count == 1) coords.Add(coords[0].Copy());
        return Factory.CreateLineString([.. coords]);
    }

    private static (double, double) Mid(OrderedGroup g, int i)
        => (g.Longitudes[i - 1] + 0.5 * RegionPolygons.Wrap(g.Longitudes[i] - g.Longitudes[i - 1]), 0.5 * (g.Latitudes[i - 1] + g.Latitudes[i]));

    /// <summary>Coordinates with longitudes unwrapped step by step (a line across 180° may exceed ±180; GIS
    /// clients draw it continuous instead of across the whole map).</summary>
    private static IEnumerable<Coordinate> Unwrapped(IEnumerable<(double Lon, double Lat)> points)
    {
        double? previous = null;
        foreach (var (lon, lat) in points)
        {
            double x = previous is null ? lon : previous.Value + RegionPolygons.Wrap(lon - previous.Value);
            previous = x;
            yield return new Coordinate(x, lat);
        }
    }
}
