using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Regions;
using GisBridge.Protocol.V1;
using GisBridge.Server.Geochemistry;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;
using Missing = GisBridge.Algorithms.Regions.MissingValuePolicy;
using ProtoMissing = GisBridge.Protocol.V1.MissingValuePolicy;

namespace GisBridge.Server.Regions;

/// <summary>Clusters the samples (k-means by ML.NET, Gaussian mixture or DBSCAN) and writes the samples with
/// cluster and membership, the region polygons, the centroid table and a JSON report.</summary>
public sealed class ClusterRegionsJob : IJob<ClusterRegionsOptions>
{
    public void Validate(ClusterRegionsOptions o)
    {
        OptionChecks.Defined(o.Method, "method");
        OptionChecks.Defined(o.Missing, "missing");
        // A given k is checked against the samples later; a searched range is one clustering per k, so it is bounded.
        OptionChecks.Range(o.K, 1, 10_000, "k");
        OptionChecks.Range(o.KMin, 2, 100, "k_min");
        OptionChecks.Range(o.KMax, 2, 100, "k_max");
        int kMin = o.KMin > 0 ? o.KMin : 2, kMax = o.KMax > 0 ? o.KMax : 10;
        if (o.K == 0 && kMin > kMax) throw new JobInputException("k_min", $"k_min {kMin} is above k_max {kMax}");
        OptionChecks.OneOf(o.Criterion, "criterion", "silhouette", "calinski-harabasz", "bic");
        OptionChecks.Range(o.LocationWeight, 0, 1e6, "location_weight");
        OptionChecks.Range(o.DbscanEps, 0, 1e12, "dbscan_eps");
        OptionChecks.Range(o.DbscanMinPoints, 1, 100_000, "dbscan_min_points");
        OptionChecks.Count(o.Features.Count, 1000, "features");
    }

    public InputNeeds Needs(ClusterRegionsOptions o) => InputNeeds.File("samples");

    public void Run(ClusterRegionsOptions o, JobInputs inputs, JobOutputs outputs, JobContext ctx)
    {
        ctx.Report(0, "reading", "reading samples");
        var table = SampleTableIo.Read(inputs.FilePath("samples"), "samples");
        var matrixOptions = new FeatureMatrixOptions
        {
            Features = SampleTableIo.Names(o.Features),
            Transform = o.LogTransform ? FeatureTransform.Log : FeatureTransform.None,
            Missing = o.Missing == ProtoMissing.MissingValueImputeMedian ? Missing.ImputeMedian : Missing.Drop,
            LocationWeight = o.LocationWeight,
        };
        var matrix = FeatureMatrixBuilder.Build(table, matrixOptions);
        ctx.Report(0.1, "clustering", $"{matrix.Rows.Length} samples x {matrix.Dimension} features");
        var result = Cluster(matrix, o, ctx);
        ctx.Cancellation.ThrowIfCancellationRequested();

        ctx.Report(0.8, "writing", "region polygons and centroids");
        var cluster = Enumerable.Repeat(double.NaN, table.RowCount).ToArray();
        var membership = Enumerable.Repeat(double.NaN, table.RowCount).ToArray();
        for (int i = 0; i < matrix.SourceRows.Length; i++)
        {
            cluster[matrix.SourceRows[i]] = result.Labels[i];
            membership[matrix.SourceRows[i]] = result.Membership[i];
        }
        table.SetNumeric("cluster", cluster);
        table.SetNumeric("membership", membership);
        var samplesPath = Path.Combine(ctx.WorkDir, "samples.gpkg");
        OgrVectorWriter.WriteGeoPackage(samplesPath, "samples", SampleTableLayer.ToLayer(table, "samples"));
        outputs.AddFile("samples", samplesPath);

        var centroids = ClusterSummary.Summarise(table, matrix, result);
        if (table.HasLocation)
        {
            var lon = matrix.SourceRows.Select(r => table.Numeric(SampleTable.Longitude)[r]).ToArray();
            var lat = matrix.SourceRows.Select(r => table.Numeric(SampleTable.Latitude)[r]).ToArray();
            var regions = RegionPolygons.Build(lon, lat, result.Labels, new RegionPolygonOptions());
            var regionsPath = Path.Combine(ctx.WorkDir, "regions.gpkg");
            OgrVectorWriter.WriteGeoPackage(regionsPath, "regions", RegionsLayer(regions, centroids, matrix));
            outputs.AddFile("regions", regionsPath);
        }
        else outputs.Warn("the samples have no longitude/latitude: no region polygons");
        var centroidsPath = Path.Combine(ctx.WorkDir, "centroids.csv");
        File.WriteAllText(centroidsPath, CentroidCsv(centroids, matrix), new UTF8Encoding(false));
        outputs.AddFile("centroids", centroidsPath);

        outputs.Result.Message = $"{result.Method}: {result.ClusterCount} clusters of {matrix.Rows.Length} samples " +
            $"(silhouette {result.Silhouette:F3}); {table.RowCount - matrix.Rows.Length} samples without all features";
        outputs.Result.ReportJson = Report(result, matrix, matrixOptions, centroids, table.RowCount).ToJsonString();
        ctx.Report(1, "done", outputs.Result.Message);
    }

    /// <summary>Largest table the O(n^2) methods (DBSCAN's brute-force neighbour search, the full-covariance
    /// mixture with its exact silhouette) accept, so a request fails at once instead of running for hours.</summary>
    public const int MaxQuadraticSamples = 20_000;

    private static ClusteringResult Cluster(FeatureMatrix m, ClusterRegionsOptions o, JobContext ctx)
    {
        if (o.Method is ClusterMethod.Dbscan or ClusterMethod.GaussianMixture && m.Rows.Length > MaxQuadraticSamples)
            throw new ResourceLimitException($"{(o.Method == ClusterMethod.Dbscan ? "DBSCAN" : "the Gaussian mixture")}: " +
                $"{m.Rows.Length:N0} samples exceed the limit of {MaxQuadraticSamples:N0} for this method; use k-means or fewer samples");
        int? k = o.K > 0 ? o.K : null;
        int kMin = o.KMin > 0 ? o.KMin : 2, kMax = o.KMax > 0 ? o.KMax : 10;
        int seed = o.Seed != 0 ? o.Seed : 42;
        var criterion = (o.Criterion ?? "").Trim().ToLowerInvariant() switch
        {
            "" => (ClusterCriterion?)null,
            "silhouette" => ClusterCriterion.Silhouette,
            "calinski-harabasz" or "ch" => ClusterCriterion.CalinskiHarabasz,
            "bic" => ClusterCriterion.Bic,
            var other => throw new JobInputException("criterion", $"'{other}' is not silhouette, calinski-harabasz or bic"),
        };
        return o.Method switch
        {
            ClusterMethod.GaussianMixture => GaussianMixture.Cluster(m, new GaussianMixtureOptions
            {
                K = k, KMin = kMin, KMax = kMax, Seed = seed, Criterion = criterion ?? ClusterCriterion.Bic,
            }, ctx.Cancellation),
            ClusterMethod.Dbscan => Dbscan.Cluster(m, new DbscanOptions
            {
                Eps = o.DbscanEps > 0 ? o.DbscanEps : null, MinPoints = o.DbscanMinPoints > 0 ? o.DbscanMinPoints : 5,
            }),
            _ => KMeansClustering.Cluster(m, new KMeansOptions
            {
                K = k, KMin = kMin, KMax = kMax, Seed = seed, Criterion = criterion ?? ClusterCriterion.Silhouette,
            }, new Progress<double>(f => ctx.Report(0.1 + 0.7 * f, "clustering", "k-means over the k range")), ctx.Cancellation),
        };
    }

    private static VectorLayer RegionsLayer(IReadOnlyList<RegionPolygon> regions, IReadOnlyList<ClusterCentroid> centroids, FeatureMatrix m)
    {
        var features = m.Names.Take(m.FeatureCount).ToArray();
        var fields = new List<VectorField> { new("cluster", VectorFieldType.Integer), new("sample_count", VectorFieldType.Integer), new("patch_count", VectorFieldType.Integer) };
        fields.AddRange(features.Select(f => new VectorField("median_" + f, VectorFieldType.Real)));
        var rows = regions.Select(r =>
        {
            var c = centroids.FirstOrDefault(x => x.Cluster == r.Cluster);
            var a = new Dictionary<string, object?> { ["cluster"] = r.Cluster, ["sample_count"] = r.SampleCount, ["patch_count"] = r.PatchCount };
            foreach (var f in features) a["median_" + f] = c is not null && double.IsFinite(c.Median[f]) ? c.Median[f] : null;
            return new VectorFeature(r.Geometry, a);
        }).ToArray();
        return new VectorLayer("regions", "EPSG:4326", fields, rows);
    }

    private static string CentroidCsv(IReadOnlyList<ClusterCentroid> centroids, FeatureMatrix m)
    {
        var features = m.Names.Take(m.FeatureCount).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(",", new[] { "cluster", "count", "mean_membership", "longitude", "latitude" }
            .Concat(features.Select(f => "mean_" + f)).Concat(features.Select(f => "median_" + f))));
        foreach (var c in centroids)
            sb.AppendLine(string.Join(",", new[] { c.Cluster, c.Count, c.MeanMembership, c.Longitude, c.Latitude }
                .Select(v => Format(v)).Concat(features.Select(f => Format(c.Mean[f]))).Concat(features.Select(f => Format(c.Median[f])))));
        return sb.ToString();
    }

    private static string Format(object v) => v switch
    {
        double d when !double.IsFinite(d) => "",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };

    private static JsonObject Report(ClusteringResult r, FeatureMatrix m, FeatureMatrixOptions o, IReadOnlyList<ClusterCentroid> centroids, int rows) => new()
    {
        ["method"] = r.Method,
        ["library"] = r.Method == "kmeans" ? "Microsoft.ML KMeansTrainer, KMeansPlusPlus initialisation, best of 10 starts"
            : r.Method == "gmm" ? "GisBridge EM, full covariances (no .NET package provides a mixture)"
            : "GisBridge DBSCAN (no .NET package provides it)",
        ["features"] = new JsonArray(m.Names.Take(m.FeatureCount).Select(n => (JsonNode)n).ToArray()),
        ["transform"] = o.Transform.ToString(),
        ["scaling"] = o.RobustScale ? "robust: (x - median) / IQR" : "none",
        ["missing"] = o.Missing == Missing.Drop ? "rows with a missing feature dropped" : "missing values replaced by the column median",
        ["location_weight"] = o.LocationWeight,
        ["samples_in"] = rows,
        ["samples_clustered"] = m.Rows.Length,
        ["clusters"] = r.ClusterCount,
        ["noise"] = r.Labels.Count(l => l < 0),
        ["silhouette"] = Finite(r.Silhouette),
        ["calinski_harabasz"] = Finite(r.CalinskiHarabasz),
        ["curve"] = new JsonArray(r.Curve.Select(p => (JsonNode)new JsonObject
        {
            ["k"] = p.K, ["silhouette"] = Finite(p.Silhouette), ["calinski_harabasz"] = Finite(p.CalinskiHarabasz),
            ["inertia"] = Finite(p.Inertia), ["bic"] = Finite(p.Bic),
        }).ToArray()),
        ["centroids"] = new JsonArray(centroids.Select(c => (JsonNode)new JsonObject
        {
            ["cluster"] = c.Cluster, ["count"] = c.Count, ["mean_membership"] = Finite(c.MeanMembership),
            ["longitude"] = Finite(c.Longitude), ["latitude"] = Finite(c.Latitude),
            ["median"] = new JsonObject(c.Median.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)Finite(kv.Value)))),
        }).ToArray()),
    };

    internal static JsonNode? Finite(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
}
