namespace GisBridge.Algorithms.Regions;

/// <summary>Where a sample falls on a ridge axis: distance along the axis from its start and distance off it (km).</summary>
public readonly record struct AxisPosition(double AlongKm, double OffsetKm);

/// <summary>
/// A ridge axis as a polyline of great-circle segments, measured from its first vertex (<see cref="Start"/>).
/// </summary>
public sealed record RidgeAxisLine(string Name, string[] Aliases, string Start, (double Lon, double Lat)[] Vertices, string Source)
{
    private const double EarthRadiusKm = 6371.0;

    /// <summary>Length of the axis (km).</summary>
    public double LengthKm => Enumerable.Range(1, Vertices.Length - 1).Sum(i => Arc(Unit(Vertices[i - 1]), Unit(Vertices[i])) * EarthRadiusKm);

    /// <summary>The axis of <paramref name="axes"/> a group name stands for (its name or an alias), or null.</summary>
    public static RidgeAxisLine? Find(IEnumerable<RidgeAxisLine> axes, string group) => axes.FirstOrDefault(a => a.Matches(group));

    /// <summary>True when the group name is this ridge's name or one of its aliases (case-insensitive).</summary>
    public bool Matches(string group) =>
        string.Equals(group.Trim(), Name, StringComparison.OrdinalIgnoreCase) || Aliases.Any(a => string.Equals(group.Trim(), a, StringComparison.OrdinalIgnoreCase));

    /// <summary>The nearest point of the axis: along-axis distance of that point and the distance to it.</summary>
    public AxisPosition Project(double lon, double lat)
    {
        var p = Unit((lon, lat));
        double best = double.PositiveInfinity, along = 0, start = 0;
        for (int i = 1; i < Vertices.Length; i++)
        {
            var a = Unit(Vertices[i - 1]);
            var b = Unit(Vertices[i]);
            double length = Arc(a, b);
            // Position of the foot of the perpendicular along the great circle a->b, clamped to the segment.
            var normal = Normalise(Cross(a, b));
            var inPlane = Normalise(Sub(p, Scale(normal, Dot(p, normal))));
            double t = Math.Atan2(Dot(Cross(a, inPlane), normal), Dot(a, inPlane));
            t = double.IsFinite(t) ? Math.Clamp(t, 0, length) : 0;
            var foot = Add(Scale(a, Math.Cos(t)), Scale(Cross(normal, a), Math.Sin(t)));
            double d = Arc(p, foot);
            if (d < best) { best = d; along = start + t; }
            start += length;
        }
        return new AxisPosition(along * EarthRadiusKm, best * EarthRadiusKm);
    }

    private static double[] Unit((double Lon, double Lat) v)
    {
        double lo = v.Lon * Math.PI / 180, la = v.Lat * Math.PI / 180;
        return [Math.Cos(la) * Math.Cos(lo), Math.Cos(la) * Math.Sin(lo), Math.Sin(la)];
    }

    private static double Arc(double[] a, double[] b) => Math.Atan2(Norm(Cross(a, b)), Dot(a, b));
    private static double Dot(double[] a, double[] b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    private static double[] Cross(double[] a, double[] b) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
    private static double Norm(double[] a) => Math.Sqrt(Dot(a, a));
    private static double[] Normalise(double[] a) => Scale(a, 1 / Norm(a));
    private static double[] Scale(double[] a, double s) => [a[0] * s, a[1] * s, a[2] * s];
    private static double[] Add(double[] a, double[] b) => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
    private static double[] Sub(double[] a, double[] b) => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}
