using System.CommandLine;
using System.Globalization;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Regions;

/// <summary>`gisbridge cluster`: clusters samples into regions (same job as the ClusterRegions RPC).</summary>
public static class ClusterCommand
{
    public static Command Create(IServiceProvider services)
    {
        var input = RegionsCli.Input();
        var features = new Option<string?>("--features") { Description = "Comma-separated feature fields (default: delta_8_4, delta_7_4, delta_sr, eps_nd, la_sm, sm_yb, nb_zr)" };
        var method = new Option<string>("--method") { Description = "kmeans | gmm | dbscan (default kmeans)", DefaultValueFactory = _ => "kmeans" };
        var k = new Option<int?>("--k") { Description = "Number of clusters (default: chosen over --k-range)" };
        var kRange = new Option<string>("--k-range") { Description = "Range of k to choose from, e.g. 2-10 (default)", DefaultValueFactory = _ => "2-10" };
        var criterion = new Option<string?>("--criterion") { Description = "silhouette | calinski-harabasz | bic (default silhouette; bic for gmm)" };
        var missing = new Option<string>("--missing") { Description = "drop | impute (median) (default drop)", DefaultValueFactory = _ => "drop" };
        var log = new Option<bool>("--log") { Description = "Log-transform the features (ratios, concentrations)" };
        var location = new Option<double>("--location-weight") { Description = "Weight of the location (unit vector on the sphere); 0 = none (default)" };
        var eps = new Option<double?>("--eps") { Description = "DBSCAN radius in scaled units (default: k-distance heuristic)" };
        var minPoints = new Option<int?>("--min-points") { Description = "DBSCAN minimum points (default 5)" };
        var output = new Option<string>("--output") { Description = "Samples with cluster and membership (GeoPackage)", Required = true };
        var regions = new Option<string?>("--regions") { Description = "Region polygons per cluster (GeoPackage)" };
        var centroids = new Option<string?>("--centroids") { Description = "Centroid table in original units (CSV)" };
        var report = RegionsCli.Report();
        var seed = RegionsCli.Seed();
        var command = new Command("cluster", "Cluster samples by chosen features; region polygons and centroids")
            { input, features, method, k, kRange, criterion, missing, log, location, eps, minPoints, output, regions, centroids, report, seed };
        command.SetAction((parse, ct) => Task.FromResult(RegionsCli.Run(services, RegionsCli.Job<ClusterRegionsJob>(services), () =>
        {
            var range = parse.GetValue(kRange)!.Split('-', StringSplitOptions.TrimEntries);
            if (range.Length != 2 || !int.TryParse(range[0], CultureInfo.InvariantCulture, out int kMin) || !int.TryParse(range[1], CultureInfo.InvariantCulture, out int kMax))
                throw new ArgumentException($"--k-range: '{parse.GetValue(kRange)}' is not of the form 2-10");
            var options = new ClusterRegionsOptions
            {
                Method = parse.GetValue(method)!.Trim().ToLowerInvariant() switch
                {
                    "kmeans" or "k-means" => ClusterMethod.Kmeans,
                    "gmm" or "mixture" => ClusterMethod.GaussianMixture,
                    "dbscan" => ClusterMethod.Dbscan,
                    var other => throw new ArgumentException($"--method: '{other}' is not kmeans, gmm or dbscan"),
                },
                K = parse.GetValue(k) ?? 0, KMin = kMin, KMax = kMax,
                Criterion = parse.GetValue(criterion) ?? "",
                Missing = parse.GetValue(missing)!.Trim().ToLowerInvariant() switch
                {
                    "drop" => MissingValuePolicy.MissingValueDrop,
                    "impute" or "median" => MissingValuePolicy.MissingValueImputeMedian,
                    var other => throw new ArgumentException($"--missing: '{other}' is not drop or impute"),
                },
                LogTransform = parse.GetValue(log),
                LocationWeight = parse.GetValue(location),
                DbscanEps = parse.GetValue(eps) ?? 0,
                DbscanMinPoints = parse.GetValue(minPoints) ?? 0,
                Seed = parse.GetValue(seed),
            };
            if (parse.GetValue(features) is { } f) options.Features.Add(f);
            var outputs = new CliDestinations { ReportPath = parse.GetValue(report) };
            outputs.Files["samples"] = parse.GetValue(output)!;
            if (parse.GetValue(regions) is { } r) outputs.Files["regions"] = r;
            if (parse.GetValue(centroids) is { } c) outputs.Files["centroids"] = c;
            return (options, RegionsCli.Samples(parse.GetValue(input)!), outputs);
        }, ct)));
        return command;
    }
}
