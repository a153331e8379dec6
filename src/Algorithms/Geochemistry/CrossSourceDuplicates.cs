using System.Text.RegularExpressions;
using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Geochemistry;

/// <summary>How two rows of different sources were matched.</summary>
public enum DuplicateMatch
{
    /// <summary>Same IGSN.</summary>
    Igsn,
    /// <summary>Same normalised sample name, locations within the tolerance (or one missing).</summary>
    Name,
    /// <summary>Locations within the tolerance, names differ: reported, not treated as the same sample (a dredge
    /// haul gives many samples at one position).</summary>
    LocationOnly,
}

public sealed record DuplicatePair(int RowA, int RowB, DuplicateMatch Match, double DistanceKm);

public sealed record DuplicateReport(IReadOnlyList<DuplicatePair> Pairs, IReadOnlyList<int> Dropped);

/// <summary>
/// The same sample in several sources (e.g. a PetDB-derived compilation and a GEOROC file): same IGSN, or same
/// normalised name (upper case, GEOROC's "[id]" suffix and "s_" prefix removed, letters and digits only) within
/// the distance tolerance. Of each matched pair the row of the earlier source (in the order given) is kept and
/// the other dropped. Pairs that share only a location are reported apart and kept.
/// </summary>
public static partial class CrossSourceDuplicates
{
    public const double DefaultToleranceKm = 5;

    public static DuplicateReport Find(SampleTable table, string sourceField, IReadOnlyList<string> sourceOrder, double toleranceKm = DefaultToleranceKm)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!table.HasText(sourceField)) throw new ArgumentException($"duplicates across sources need the text field '{sourceField}'", nameof(sourceField));
        if (!(toleranceKm >= 0)) throw new ArgumentException($"tolerance must be >= 0 km (got {toleranceKm})", nameof(toleranceKm));
        int n = table.RowCount;
        var source = table.Text(sourceField);
        var rank = sourceOrder.Select((s, k) => (s, k)).ToDictionary(t => t.s, t => t.k, StringComparer.Ordinal);
        var names = table.HasText(SampleMerger.KeyColumn) ? table.Text(SampleMerger.KeyColumn).Select(Normalise).ToArray() : new string?[n];
        var igsn = table.HasText("igsn") ? table.Text("igsn").Select(v => string.IsNullOrWhiteSpace(v) ? null : v.Trim().ToUpperInvariant()).ToArray() : new string?[n];
        var lon = table.HasNumeric(SampleTable.Longitude) ? table.Numeric(SampleTable.Longitude) : Enumerable.Repeat(double.NaN, n).ToArray();
        var lat = table.HasNumeric(SampleTable.Latitude) ? table.Numeric(SampleTable.Latitude) : Enumerable.Repeat(double.NaN, n).ToArray();
        var pairs = new List<DuplicatePair>();
        for (int a = 0; a < n; a++)
            for (int b = a + 1; b < n; b++)
            {
                if (string.Equals(source[a], source[b], StringComparison.Ordinal)) continue;
                double km = Distance(lon[a], lat[a], lon[b], lat[b]);
                bool near = double.IsNaN(km) || km <= toleranceKm;
                if (igsn[a] is not null && igsn[a] == igsn[b]) pairs.Add(new(a, b, DuplicateMatch.Igsn, km));
                else if (names[a] is not null && names[a] == names[b] && near) pairs.Add(new(a, b, DuplicateMatch.Name, km));
                else if (!double.IsNaN(km) && km <= toleranceKm) pairs.Add(new(a, b, DuplicateMatch.LocationOnly, km));
            }
        int Rank(int r) => source[r] is { } s && rank.TryGetValue(s, out var k) ? k : int.MaxValue;
        var dropped = pairs.Where(p => p.Match != DuplicateMatch.LocationOnly)
            .Select(p => Rank(p.RowA) <= Rank(p.RowB) ? p.RowB : p.RowA).Distinct().Order().ToArray();
        return new DuplicateReport(pairs, dropped);
    }

    public static string? Normalise(string? name)
    {
        var key = PrioritySampleMerger.Key(name);
        if (key is null) return null;
        if (key.StartsWith("S_", StringComparison.Ordinal)) key = key[2..];
        key = NonAlphanumeric().Replace(key, "");
        return key.Length == 0 ? null : key;
    }

    private static double Distance(double lon1, double lat1, double lon2, double lat2)
    {
        if (!double.IsFinite(lon1) || !double.IsFinite(lat1) || !double.IsFinite(lon2) || !double.IsFinite(lat2)) return double.NaN;
        const double r = 6371.0088, rad = Math.PI / 180;
        double dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad;
        double h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(lat1 * rad) * Math.Cos(lat2 * rad) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * r * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    [GeneratedRegex("[^A-Z0-9]")]
    private static partial Regex NonAlphanumeric();
}
