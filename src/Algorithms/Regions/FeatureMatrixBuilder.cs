using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Regions;

/// <summary>How a feature column is transformed before scaling.</summary>
public enum FeatureTransform
{
    /// <summary>Values used as they are (isotope ratios, deltas, epsilon values).</summary>
    None,
    /// <summary>Natural log of each value (trace-element ratios, concentrations); values &lt;= 0 become missing.</summary>
    Log,
    /// <summary>Centred log-ratio over all features of the row (a composition: oxides or elements of one sample);
    /// values &lt;= 0 become missing. Needs every feature present in the row, so it is applied after the missing policy.</summary>
    CenteredLogRatio,
}

/// <summary>What to do with a row where some chosen feature is missing (NaN).</summary>
public enum MissingValuePolicy
{
    /// <summary>Drop the row (it gets no cluster).</summary>
    Drop,
    /// <summary>Replace the missing value by the column median of the present values (after transform).</summary>
    ImputeMedian,
}

/// <summary>Options of <see cref="FeatureMatrixBuilder"/>.</summary>
public sealed record FeatureMatrixOptions
{
    /// <summary>Default features: isotopes and key trace ratios produced by the geochemistry indices.</summary>
    public static readonly IReadOnlyList<string> DefaultFeatures =
        ["delta_8_4", "delta_7_4", "delta_sr", "eps_nd", "la_sm", "sm_yb", "nb_zr"];

    /// <summary>Numeric columns to use; empty = <see cref="DefaultFeatures"/> that are in the table.</summary>
    public IReadOnlyList<string> Features { get; init; } = [];
    /// <summary>Transform applied to every feature. Default <see cref="FeatureTransform.None"/>.</summary>
    public FeatureTransform Transform { get; init; } = FeatureTransform.None;
    /// <summary>Missing-value policy. Default <see cref="MissingValuePolicy.Drop"/>.</summary>
    public MissingValuePolicy Missing { get; init; } = MissingValuePolicy.Drop;
    /// <summary>Robust scaling (median / interquartile range) of every feature. Default true.</summary>
    public bool RobustScale { get; init; } = true;
    /// <summary>Weight of the 3 location features (unit vector on the sphere from longitude/latitude); 0 = none.
    /// A weight w makes the location span about w robust units, so w = 1 weighs it like one geochemical feature.</summary>
    public double LocationWeight { get; init; }
}

/// <summary>The matrix to cluster or classify: one row per kept table row.</summary>
public sealed class FeatureMatrix
{
    internal FeatureMatrix(double[][] rows, int[] sourceRows, string[] names, double[] center, double[] scale,
        FeatureTransform transform, int featureCount)
    {
        Rows = rows; SourceRows = sourceRows; Names = names; Center = center; Scale = scale;
        Transform = transform; FeatureCount = featureCount;
    }

    /// <summary>Transformed, scaled values; features first, then location columns if any.</summary>
    public double[][] Rows { get; }
    /// <summary>Index in the input table of each matrix row.</summary>
    public int[] SourceRows { get; }
    /// <summary>Column names (features, then "loc_x", "loc_y", "loc_z").</summary>
    public string[] Names { get; }
    /// <summary>Median subtracted from each feature column (after transform).</summary>
    public double[] Center { get; }
    /// <summary>Divisor of each feature column (interquartile range, 1 when not scaled).</summary>
    public double[] Scale { get; }
    public FeatureTransform Transform { get; }
    /// <summary>Number of geochemical features (the columns before the location ones).</summary>
    public int FeatureCount { get; }
    public int Dimension => Names.Length;

    /// <summary>A matrix of values already prepared by the caller (no transform, no scaling, no location columns).</summary>
    public static FeatureMatrix FromRows(double[][] rows, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(names);
        if (rows.Any(r => r.Length != names.Count))
            throw new ArgumentException($"every row needs {names.Count} values (one per name)", nameof(rows));
        return new FeatureMatrix(rows, Enumerable.Range(0, rows.Length).ToArray(), names.ToArray(),
            new double[names.Count], Enumerable.Repeat(1.0, names.Count).ToArray(), FeatureTransform.None, names.Count);
    }
}

/// <summary>Builds a <see cref="FeatureMatrix"/> from a <see cref="SampleTable"/>: transform, missing policy,
/// robust scaling and optional location features.</summary>
public static class FeatureMatrixBuilder
{
    public static FeatureMatrix Build(SampleTable table, FeatureMatrixOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        var features = ResolveFeatures(table, options.Features);
        if (options.LocationWeight < 0 || double.IsNaN(options.LocationWeight))
            throw new ArgumentException($"location weight must be >= 0 (got {options.LocationWeight})", nameof(options));
        if (options.LocationWeight > 0 && !table.HasLocation)
            throw new ArgumentException("location features need the columns 'longitude' and 'latitude'", nameof(table));

        int n = table.RowCount, f = features.Length;
        var raw = features.Select(table.Numeric).ToArray();
        var values = new double[f][];
        for (int j = 0; j < f; j++)
        {
            values[j] = new double[n];
            for (int i = 0; i < n; i++)
            {
                double v = raw[j][i];
                values[j][i] = options.Transform == FeatureTransform.None ? (double.IsFinite(v) ? v : double.NaN)
                    : v > 0 && double.IsFinite(v) ? Math.Log(v) : double.NaN;
            }
            if (values[j].All(double.IsNaN))
                throw new ArgumentException($"feature '{features[j]}' has no usable value in any row" +
                    (options.Transform == FeatureTransform.None ? "" : " (log transforms need values > 0)"), nameof(table));
        }

        var keep = new List<int>();
        for (int i = 0; i < n; i++)
        {
            bool complete = true;
            for (int j = 0; j < f && complete; j++) complete = !double.IsNaN(values[j][i]);
            bool located = options.LocationWeight == 0 ||
                (double.IsFinite(table.Numeric(SampleTable.Longitude)[i]) && double.IsFinite(table.Numeric(SampleTable.Latitude)[i]));
            if (!located) continue;
            if (complete || options.Missing == MissingValuePolicy.ImputeMedian) keep.Add(i);
        }
        if (keep.Count == 0)
            throw new ArgumentException($"no row has all of the features {string.Join(", ", features)}" +
                " (use the median imputation policy, or fewer features)", nameof(table));

        var imputeValue = values.Select(col => Median(keep.Select(i => col[i]).Where(v => !double.IsNaN(v)))).ToArray();
        var rows = keep.Select(i =>
        {
            var r = new double[f];
            for (int j = 0; j < f; j++) r[j] = double.IsNaN(values[j][i]) ? imputeValue[j] : values[j][i];
            if (options.Transform == FeatureTransform.CenteredLogRatio)
            {
                double mean = r.Average();
                for (int j = 0; j < f; j++) r[j] -= mean;
            }
            return r;
        }).ToArray();

        var center = new double[f];
        var scale = Enumerable.Repeat(1.0, f).ToArray();
        if (options.RobustScale)
            for (int j = 0; j < f; j++)
            {
                var col = rows.Select(r => r[j]).ToArray();
                center[j] = Median(col);
                double iqr = Quantile(col, 0.75) - Quantile(col, 0.25);
                if (!(iqr > 0)) iqr = StandardDeviation(col);
                scale[j] = iqr > 0 ? iqr : 1.0;
                foreach (var r in rows) r[j] = (r[j] - center[j]) / scale[j];
            }

        var names = features.ToList();
        if (options.LocationWeight > 0)
        {
            names.AddRange(["loc_x", "loc_y", "loc_z"]);
            var lon = table.Numeric(SampleTable.Longitude);
            var lat = table.Numeric(SampleTable.Latitude);
            // A unit vector has no seam at the antimeridian; multiply so that the weight is in robust units.
            for (int k = 0; k < rows.Length; k++)
            {
                var u = UnitVector(lon[keep[k]], lat[keep[k]]);
                rows[k] = [.. rows[k], .. u.Select(c => c * options.LocationWeight)];
            }
        }
        return new FeatureMatrix(rows, [.. keep], [.. names], center, scale, options.Transform, f);
    }

    /// <summary>The requested features, checked, or the default ones present in the table.</summary>
    public static string[] ResolveFeatures(SampleTable table, IReadOnlyList<string> requested)
    {
        if (requested.Count == 0)
        {
            var present = FeatureMatrixOptions.DefaultFeatures.Where(table.HasNumeric).ToArray();
            if (present.Length == 0)
                throw new ArgumentException("no feature given and none of the default features (" +
                    string.Join(", ", FeatureMatrixOptions.DefaultFeatures) + ") is in the table", nameof(requested));
            return present;
        }
        foreach (var name in requested)
            if (!table.HasNumeric(name))
                throw new ArgumentException($"feature '{name}' is not a numeric column of the table (columns: " +
                    string.Join(", ", table.NumericColumns) + ")", nameof(requested));
        if (requested.Distinct(StringComparer.Ordinal).Count() != requested.Count)
            throw new ArgumentException("a feature is listed twice: " + string.Join(", ", requested), nameof(requested));
        return [.. requested];
    }

    public static double[] UnitVector(double lonDeg, double latDeg)
    {
        double lon = lonDeg * Math.PI / 180, lat = latDeg * Math.PI / 180;
        return [Math.Cos(lat) * Math.Cos(lon), Math.Cos(lat) * Math.Sin(lon), Math.Sin(lat)];
    }

    internal static double Median(IEnumerable<double> values) => Quantile(values.ToArray(), 0.5);

    /// <summary>Linear-interpolation quantile (type 7) of the finite values; NaN when there is none.</summary>
    internal static double Quantile(double[] values, double p)
    {
        var s = values.Where(double.IsFinite).Order().ToArray();
        if (s.Length == 0) return double.NaN;
        double h = (s.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, s.Length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    private static double StandardDeviation(double[] v)
    {
        if (v.Length < 2) return 0;
        double m = v.Average();
        return Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Length - 1));
    }
}
