using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Regions;

/// <summary>One sample of a profile: its group, position along the ridge and index values.</summary>
public sealed record ProfileSample(string Group, int Row, double Position, double Longitude, double Latitude, double[] Values);

/// <summary>Profile series of one group (ridge), ordered along it.</summary>
public sealed record ProfileSeries(string Group, IReadOnlyList<ProfileSample> Samples)
{
    /// <summary>The x-axis label of this series' panel (Axis order: "Distance from the Bouvet Triple Junction (km)").</summary>
    public string? PositionLabel { get; init; }
}

/// <summary>Data of an along-ridge profile chart (index vs longitude or along-ridge distance, per ridge).</summary>
public sealed record RidgeProfile(IReadOnlyList<string> Indices, RidgeOrder OrderBy, string PositionLabel, IReadOnlyList<ProfileSeries> Series);

/// <summary>Builds profile data: per group, samples ordered along the ridge with the values of the chosen indices
/// (a sample needs at least one of them; missing ones stay NaN).</summary>
public static class RidgeProfileData
{
    public static RidgeProfile Build(SampleTable table, IReadOnlyList<string> indices, string? groupField, RidgeOrder order,
        IReadOnlyList<RidgeAxisLine>? axes = null, double maxOffsetKm = 300)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (indices is null || indices.Count == 0) throw new ArgumentException("no index to profile", nameof(indices));
        foreach (var name in indices)
            if (!table.HasNumeric(name))
                throw new ArgumentException($"index '{name}' is not a numeric column of the table (columns: {string.Join(", ", table.NumericColumns)})",
                    nameof(indices));
        var cols = indices.Select(table.Numeric).ToArray();
        // Order every located sample, then keep those with at least one index value.
        var groups = RidgeAxis.Order(table, groupField, order, [], axes, maxOffsetKm);
        var series = new List<ProfileSeries>();
        foreach (var g in groups)
        {
            var samples = Enumerable.Range(0, g.Rows.Length)
                .Where(t => cols.Any(c => double.IsFinite(c[g.Rows[t]])))
                .Select(t => new ProfileSample(g.Group, g.Rows[t], g.Positions[t], g.Longitudes[t], g.Latitudes[t],
                    cols.Select(c => c[g.Rows[t]]).ToArray()))
                .ToArray();
            if (samples.Length > 0)
                series.Add(new ProfileSeries(g.Group, samples)
                {
                    PositionLabel = g.Axis is null ? null : $"Distance from {g.Axis.Start} (km)", // the panel is titled with the ridge
                });
        }
        if (series.Count == 0)
            throw new ArgumentException(order == RidgeOrder.Axis
                ? $"no located sample within {maxOffsetKm} km of the {string.Join(", ", (axes ?? IndianOceanRidges.All).Select(a => a.Name))} axes has a value of {string.Join(" or ", indices)}"
                : $"no located sample has a value of {string.Join(" or ", indices)}", nameof(indices));
        string label = order switch
        {
            RidgeOrder.Longitude => "Longitude (°E)",
            RidgeOrder.Axis => "Distance along the ridge axis (km)",
            _ => "Distance along ridge (km, from the western end)",
        };
        return new RidgeProfile([.. indices], order, label, series);
    }
}
