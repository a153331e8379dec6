using System.CommandLine;
using GisBridge.Server.Jobs;
using ProtoOptions = GisBridge.Protocol.V1.DupalBoundaryOptions;

namespace GisBridge.Server.Regions;

/// <summary>`gisbridge boundary`: change points along ridges and the Dupal boundary (same job as the RPC).</summary>
public static class BoundaryCommand
{
    public static Command Create(IServiceProvider services)
    {
        var input = RegionsCli.Input();
        var index = new Option<string>("--index") { Description = "Index field (default delta_8_4)", DefaultValueFactory = _ => "delta_8_4" };
        var group = new Option<string?>("--group-field") { Description = "One ridge per value of this field (e.g. Province)" };
        var order = new Option<string>("--order-by") { Description = "longitude | along-ridge (default longitude)", DefaultValueFactory = _ => "longitude" };
        var significance = new Option<double>("--significance") { Description = "Permutation-test level of a change (default 0.01)", DefaultValueFactory = _ => 0.01 };
        var minSegment = new Option<int>("--min-segment") { Description = "Minimum samples per segment (default 5)", DefaultValueFactory = _ => 5 };
        var threshold = new Option<double?>("--threshold") { Description = "Dupal threshold of the index (default 40 for delta_8_4)" };
        var output = new Option<string>("--output") { Description = "Change points, ridge segments and boundary line (GeoPackage)", Required = true };
        var report = RegionsCli.Report();
        var command = new Command("boundary", "Detect change points of an index along ridges; Dupal boundary as map layers")
            { input, index, group, order, significance, minSegment, threshold, output, report };
        command.SetAction((parse, ct) => Task.FromResult(RegionsCli.Run(services, RegionsCli.Job<DupalBoundaryJob>(services), () =>
        {
            var options = new ProtoOptions
            {
                Index = parse.GetValue(index)!, GroupField = parse.GetValue(group) ?? "", OrderBy = parse.GetValue(order)!,
                Significance = parse.GetValue(significance), MinSegment = parse.GetValue(minSegment),
                Threshold = parse.GetValue(threshold) ?? 0,
            };
            var outputs = new CliDestinations { ReportPath = parse.GetValue(report) };
            outputs.Files["boundary"] = parse.GetValue(output)!;
            return (options, RegionsCli.Samples(parse.GetValue(input)!), outputs);
        }, ct)));
        return command;
    }
}
