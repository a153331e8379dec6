using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Regions;

/// <summary>One cluster's centroid in the original units of the table.</summary>
public sealed record ClusterCentroid(
    int Cluster,
    int Count,
    double MeanMembership,
    /// <summary>Per feature: mean of the original values of the members (NaN values skipped).</summary>
    IReadOnlyDictionary<string, double> Mean,
    /// <summary>Per feature: median of the original values of the members.</summary>
    IReadOnlyDictionary<string, double> Median,
    /// <summary>Spherical mean position of the members (NaN when the table has no location).</summary>
    double Longitude,
    double Latitude);

/// <summary>Summary table of cluster centroids in original units (not the transformed, scaled space).</summary>
public static class ClusterSummary
{
    public static IReadOnlyList<ClusterCentroid> Summarise(SampleTable table, FeatureMatrix matrix, ClusteringResult result)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(result);
        var features = matrix.Names.Take(matrix.FeatureCount).ToArray();
        var list = new List<ClusterCentroid>();
        for (int c = 0; c < result.ClusterCount; c++)
        {
            var members = Enumerable.Range(0, result.Labels.Length).Where(i => result.Labels[i] == c).ToArray();
            if (members.Length == 0) continue;
            var rows = members.Select(i => matrix.SourceRows[i]).ToArray();
            var mean = new Dictionary<string, double>();
            var median = new Dictionary<string, double>();
            foreach (var f in features)
            {
                var values = rows.Select(r => table.Numeric(f)[r]).Where(double.IsFinite).ToArray();
                mean[f] = values.Length > 0 ? values.Average() : double.NaN;
                median[f] = FeatureMatrixBuilder.Median(values);
            }
            var (lon, lat) = table.HasLocation ? SphericalMean(table, rows) : (double.NaN, double.NaN);
            list.Add(new ClusterCentroid(c, members.Length, members.Average(i => result.Membership[i]), mean, median, lon, lat));
        }
        return list;
    }

    private static (double Lon, double Lat) SphericalMean(SampleTable table, int[] rows)
    {
        double x = 0, y = 0, z = 0;
        var lon = table.Numeric(SampleTable.Longitude);
        var lat = table.Numeric(SampleTable.Latitude);
        foreach (int r in rows)
        {
            if (!double.IsFinite(lon[r]) || !double.IsFinite(lat[r])) continue;
            var u = FeatureMatrixBuilder.UnitVector(lon[r], lat[r]);
            x += u[0]; y += u[1]; z += u[2];
        }
        double h = Math.Sqrt(x * x + y * y);
        if (h == 0 && z == 0) return (double.NaN, double.NaN);
        return (Math.Atan2(y, x) * 180 / Math.PI, Math.Atan2(z, h) * 180 / Math.PI);
    }
}
