using NetTopologySuite.Algorithm.Hull;
using NetTopologySuite.Geometries;

namespace GisBridge.Algorithms.Regions;

/// <summary>Options of <see cref="RegionPolygons"/>.</summary>
public sealed record RegionPolygonOptions
{
    /// <summary>Members closer than this (degrees of arc, single linkage) belong to one patch; each patch gets
    /// its own hull, so a cluster present on two distant ridges gives two polygons. Default 10.</summary>
    public double LinkDistanceDegrees { get; init; } = 10;
    /// <summary>NTS concave hull edge-length ratio (0 = most concave, 1 = convex hull). Default 0.3.</summary>
    public double HullLengthRatio { get; init; } = 0.3;
    /// <summary>Buffer around each hull, degrees, so that lines of samples along a ridge and single samples
    /// still give an area. Default 0.5.</summary>
    public double BufferDegrees { get; init; } = 0.5;
}

/// <summary>Region polygon of one cluster (lon/lat degrees, -180..180; a Polygon or MultiPolygon).</summary>
public sealed record RegionPolygon(int Cluster, Geometry Geometry, int SampleCount, int PatchCount);

/// <summary>Region polygons per cluster: NetTopologySuite concave hull of each spatial patch of members, buffered,
/// antimeridian-safe (a patch straddling 180° is hulled in unwrapped longitudes and split back at ±180°).</summary>
public static class RegionPolygons
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static IReadOnlyList<RegionPolygon> Build(IReadOnlyList<double> longitudes, IReadOnlyList<double> latitudes,
        IReadOnlyList<int> labels, RegionPolygonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (longitudes.Count != latitudes.Count || longitudes.Count != labels.Count)
            throw new ArgumentException("longitudes, latitudes and labels must have the same length", nameof(labels));
        if (!(options.HullLengthRatio >= 0 && options.HullLengthRatio <= 1))
            throw new ArgumentException($"hull length ratio must be in 0..1 (got {options.HullLengthRatio})", nameof(options));
        if (!(options.BufferDegrees >= 0) || !(options.LinkDistanceDegrees > 0))
            throw new ArgumentException("buffer must be >= 0 and link distance > 0 degrees", nameof(options));

        var result = new List<RegionPolygon>();
        foreach (var cluster in labels.Where(l => l >= 0).Distinct().Order())
        {
            var members = Enumerable.Range(0, labels.Count)
                .Where(i => labels[i] == cluster && double.IsFinite(longitudes[i]) && double.IsFinite(latitudes[i])).ToArray();
            if (members.Length == 0) continue;
            var patches = Patches(members, longitudes, latitudes, options.LinkDistanceDegrees);
            var parts = patches.Select(p => PatchPolygon(p, longitudes, latitudes, options)).ToList();
            var union = parts.Count == 1 ? parts[0] : Factory.BuildGeometry(parts).Union();
            result.Add(new RegionPolygon(cluster, union, members.Length, patches.Count));
        }
        return result;
    }

    private static Geometry PatchPolygon(int[] patch, IReadOnlyList<double> lon, IReadOnlyList<double> lat, RegionPolygonOptions o)
    {
        // Unwrap longitudes around the first member so that a patch across 180° stays contiguous.
        double reference = lon[patch[0]];
        var coords = patch.Select(i => new Coordinate(reference + Wrap(lon[i] - reference), lat[i])).Distinct().ToArray();
        Geometry hull = coords.Length >= 3
            ? ConcaveHull.ConcaveHullByLengthRatio(Factory.CreateMultiPointFromCoords(coords), o.HullLengthRatio)
            : Factory.CreateMultiPointFromCoords(coords);
        var area = o.BufferDegrees > 0 ? hull.Buffer(o.BufferDegrees) : hull;
        if (area is not (Polygon or MultiPolygon)) area = hull.Buffer(1e-6);
        return SplitAtAntimeridian(area);
    }

    /// <summary>Cuts a geometry in unwrapped longitudes into its parts inside -180..180, shifted back.</summary>
    internal static Geometry SplitAtAntimeridian(Geometry g)
    {
        var env = g.EnvelopeInternal;
        if (env.MinX >= -180 && env.MaxX <= 180) return g;
        var parts = new List<Geometry>();
        foreach (double shift in new[] { -360.0, 0.0, 360.0 })
        {
            var box = Factory.ToGeometry(new Envelope(-180 - shift, 180 - shift, -90, 90));
            var piece = g.Intersection(box);
            if (piece.IsEmpty) continue;
            piece = piece.Copy();
            piece.Apply(new ShiftFilter(shift));
            piece.GeometryChanged();
            parts.Add(piece);
        }
        return Factory.BuildGeometry(parts).Union();
    }

    /// <summary>Single-linkage patches by great-circle distance (union-find over all pairs).</summary>
    private static List<int[]> Patches(int[] members, IReadOnlyList<double> lon, IReadOnlyList<double> lat, double link)
    {
        var parent = Enumerable.Range(0, members.Length).ToArray();
        int Find(int a) { while (parent[a] != a) a = parent[a] = parent[parent[a]]; return a; }
        for (int a = 0; a < members.Length; a++)
            for (int b = a + 1; b < members.Length; b++)
                if (ArcDegrees(lon[members[a]], lat[members[a]], lon[members[b]], lat[members[b]]) <= link)
                    parent[Find(a)] = Find(b);
        return Enumerable.Range(0, members.Length).GroupBy(Find).Select(g => g.Select(i => members[i]).ToArray()).ToList();
    }

    internal static double ArcDegrees(double lon1, double lat1, double lon2, double lat2)
    {
        var u = FeatureMatrixBuilder.UnitVector(lon1, lat1);
        var v = FeatureMatrixBuilder.UnitVector(lon2, lat2);
        double dot = Math.Clamp(u[0] * v[0] + u[1] * v[1] + u[2] * v[2], -1, 1);
        return Math.Acos(dot) * 180 / Math.PI;
    }

    /// <summary>Longitude difference wrapped into -180..180.</summary>
    internal static double Wrap(double d) => d - 360 * Math.Round(d / 360);

    private sealed class ShiftFilter(double dx) : ICoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;
        public void Filter(CoordinateSequence seq, int i) => seq.SetX(i, seq.GetX(i) + dx);
    }
}
