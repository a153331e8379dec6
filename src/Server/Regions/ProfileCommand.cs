using System.CommandLine;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Regions;

/// <summary>`gisbridge profile`: index vs longitude / along-ridge distance per ridge, PNG + SVG + CSV.</summary>
public static class ProfileCommand
{
    public static Command Create(IServiceProvider services)
    {
        var input = RegionsCli.Input();
        var index = new Option<string>("--index") { Description = "Comma-separated index fields (default delta_8_4)", DefaultValueFactory = _ => "delta_8_4" };
        var group = new Option<string?>("--group-field") { Description = "One series per value of this field (e.g. ridge, Province; default ridge when present)" };
        var order = new Option<string>("--order-by")
        {
            Description = "axis | longitude | along-ridge (default axis when the groups are SWIR, CIR/CIRR, SEIR, else longitude)", DefaultValueFactory = _ => "",
        };
        var ridges = new Option<string?>("--ridges") { Description = "Axis order: comma-separated ridges, one panel column each (default SWIR,CIR,SEIR)" };
        var maxOffset = new Option<double>("--max-offset-km") { Description = "Axis order: leave out samples farther off the axis (default 300)", DefaultValueFactory = _ => 300 };
        var axesFile = new Option<string?>("--axes")
        {
            Description = "Ridge axes to measure along instead of the built-in SWIR, CIR, SEIR: lines in lon/lat, one per ridge, drawn from its start (any OGR vector file)",
        };
        var axisName = new Option<string?>("--axis-name-field") { Description = "Field of --axes naming each ridge as --group-field does (default name)" };
        var noChanges = new Option<bool>("--no-change-points") { Description = "Do not detect and mark change points" };
        var width = new Option<int>("--width") { Description = "Pixels (default 1200, or 600 per ridge along the ridge axes)" };
        var height = new Option<int?>("--height") { Description = "Pixels (default 350 per index)" };
        var title = new Option<string?>("--title") { Description = "Chart title" };
        var output = new Option<string>("--output") { Description = "PNG chart; the SVG and the CSV table are written beside it", Required = true };
        var report = RegionsCli.Report();
        var command = new Command("profile", "Along-ridge profile chart of indices (PNG, SVG), one panel per ridge with change points, and its data table (CSV)")
            { input, index, group, order, ridges, axesFile, axisName, maxOffset, noChanges, width, height, title, output, report };
        command.SetAction((parse, ct) => Task.FromResult(RegionsCli.Run(services, RegionsCli.Job<RidgeProfileJob>(services), () =>
        {
            var options = new RidgeProfileOptions
            {
                GroupField = parse.GetValue(group) ?? "", OrderBy = parse.GetValue(order)!, Width = parse.GetValue(width),
                Height = parse.GetValue(height) ?? 0, Title = parse.GetValue(title) ?? "",
                MaxOffsetKm = parse.GetValue(maxOffset), NoChangePoints = parse.GetValue(noChanges),
                AxisNameField = parse.GetValue(axisName) ?? "",
            };
            if (parse.GetValue(ridges) is { } r) options.Ridges.Add(r);
            options.Indices.Add(parse.GetValue(index)!);
            var png = parse.GetValue(output)!;
            var outputs = new CliDestinations { ReportPath = parse.GetValue(report) };
            outputs.Files["chart_png"] = png;
            outputs.Files["chart_svg"] = RegionsCli.Beside(png, ".svg");
            outputs.Files["table"] = RegionsCli.Beside(png, ".csv");
            var inputs = RegionsCli.Samples(parse.GetValue(input)!);
            if (parse.GetValue(axesFile) is { } axes) RegionsCli.AddFile(inputs, RidgeAxesFile.Role, axes, "--axes");
            return (options, inputs, outputs);
        }, ct)));
        return command;
    }
}
