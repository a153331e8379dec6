using System.Text.Json.Nodes;
using GisBridge.Algorithms.Regions;
using GisBridge.Protocol.V1;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;
using NetTopologySuite.Geometries;
using ProtoOptions = GisBridge.Protocol.V1.DupalBoundaryOptions;

namespace GisBridge.Server.Regions;

/// <summary>Change points of an index along each ridge and the Dupal boundary: a GeoPackage with the layers
/// "change_points" (points with bootstrap interval), "ridge_segments" (lines with their mean and Dupal flag) and,
/// when at least two groups cross the threshold, "boundary_line".</summary>
public sealed class DupalBoundaryJob : IJob<ProtoOptions>
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public void Validate(ProtoOptions o)
    {
        _ = RidgeProfileJob.ParseOrder(o.OrderBy);
        if (o.Significance != 0 && !(o.Significance > 0 && o.Significance < 1))
            throw new JobInputException("significance", $"a p-value in (0, 1) (0 = 0.01), got {o.Significance}");
        OptionChecks.Range(o.MinSegment, 2, 100_000, "min_segment");
        OptionChecks.Range(o.Threshold, -1e6, 1e6, "threshold");
    }

    public InputNeeds Needs(ProtoOptions o) => InputNeeds.File("samples");

    public void Run(ProtoOptions o, JobInputs inputs, JobOutputs outputs, JobContext ctx)
    {
        ctx.Report(0, "reading", "reading samples");
        var table = SampleTableIo.Read(inputs.FilePath("samples"), "samples");
        var options = new Algorithms.Regions.DupalBoundaryOptions
        {
            Index = SampleTableIo.Name(o.Index) ?? "delta_8_4",
            GroupField = SampleTableIo.Name(o.GroupField),
            OrderBy = RidgeProfileJob.ParseOrder(o.OrderBy),
            Threshold = o.Threshold != 0 ? o.Threshold : null,
            ChangePoints = new ChangePointOptions
            {
                Significance = o.Significance > 0 ? o.Significance : 0.01,
                MinSegment = o.MinSegment > 0 ? o.MinSegment : 5,
            },
        };
        ctx.Report(0.1, "change points", $"{options.Index} along each {(options.GroupField ?? "table")}");
        var result = DupalBoundary.Detect(table, options, ctx.Cancellation);
        foreach (var w in result.Warnings) outputs.Warn(w);

        var layers = new List<VectorLayer> { PointsLayer(result), SegmentsLayer(result) };
        if (result.BoundaryLine is not null)
            layers.Add(new VectorLayer("boundary_line", "EPSG:4326", [new VectorField("index", VectorFieldType.String)],
                [new VectorFeature(result.BoundaryLine, new Dictionary<string, object?> { ["index"] = result.Index })]));
        var path = Path.Combine(ctx.WorkDir, "boundary.gpkg");
        OgrVectorWriter.WriteGeoPackage(path, layers);
        outputs.AddFile("boundary", path);

        int crossing = result.Points.Count(p => p.CrossesThreshold);
        outputs.Result.Message = $"{result.Points.Count} change point(s) of {result.Index}, {crossing} crossing the threshold {result.Threshold}";
        outputs.Result.ReportJson = new JsonObject
        {
            ["index"] = result.Index,
            ["threshold"] = ClusterRegionsJob.Finite(result.Threshold),
            ["method"] = "binary segmentation, least-squares mean shift, permutation test per split; residual-bootstrap 95% interval",
            ["order_by"] = options.OrderBy.ToString(),
            ["significance"] = options.ChangePoints.Significance,
            ["min_segment"] = options.ChangePoints.MinSegment,
            ["change_points"] = new JsonArray(result.Points.Select(p => (JsonNode)new JsonObject
            {
                ["group"] = p.Group, ["longitude"] = p.Longitude, ["latitude"] = p.Latitude,
                ["position"] = p.Change.Position, ["lower"] = p.Change.Lower, ["upper"] = p.Change.Upper,
                ["p_value"] = p.Change.PValue, ["mean_before"] = p.Change.MeanBefore, ["mean_after"] = p.Change.MeanAfter,
                ["crosses_threshold"] = p.CrossesThreshold,
            }).ToArray()),
            ["warnings"] = new JsonArray(result.Warnings.Select(w => (JsonNode)w).ToArray()),
        }.ToJsonString();
        ctx.Report(1, "done", outputs.Result.Message);
    }

    private static VectorLayer PointsLayer(DupalBoundaryResult r)
    {
        VectorField[] fields =
        [
            new("group_name", VectorFieldType.String), new("position", VectorFieldType.Real), new("lower", VectorFieldType.Real),
            new("upper", VectorFieldType.Real), new("lower_longitude", VectorFieldType.Real), new("upper_longitude", VectorFieldType.Real),
            new("p_value", VectorFieldType.Real), new("mean_before", VectorFieldType.Real), new("mean_after", VectorFieldType.Real),
            new("crosses_threshold", VectorFieldType.Integer),
        ];
        var features = r.Points.Select(p => new VectorFeature(Factory.CreatePoint(new Coordinate(p.Longitude, p.Latitude)),
            new Dictionary<string, object?>
            {
                ["group_name"] = p.Group, ["position"] = p.Change.Position, ["lower"] = p.Change.Lower, ["upper"] = p.Change.Upper,
                ["lower_longitude"] = p.LowerLongitude, ["upper_longitude"] = p.UpperLongitude, ["p_value"] = p.Change.PValue,
                ["mean_before"] = p.Change.MeanBefore, ["mean_after"] = p.Change.MeanAfter, ["crosses_threshold"] = p.CrossesThreshold ? 1 : 0,
            })).ToArray();
        return new VectorLayer("change_points", "EPSG:4326", fields, features);
    }

    private static VectorLayer SegmentsLayer(DupalBoundaryResult r)
    {
        VectorField[] fields =
        [
            new("group_name", VectorFieldType.String), new("samples", VectorFieldType.Integer),
            new("mean", VectorFieldType.Real), new("above_threshold", VectorFieldType.Integer),
        ];
        var features = r.Segments.Select(s => new VectorFeature(s.Line, new Dictionary<string, object?>
        {
            ["group_name"] = s.Group, ["samples"] = s.Count, ["mean"] = s.Mean,
            ["above_threshold"] = s.AboveThreshold is bool b ? (b ? 1 : 0) : null,
        })).ToArray();
        return new VectorLayer("ridge_segments", "EPSG:4326", fields, features);
    }
}
