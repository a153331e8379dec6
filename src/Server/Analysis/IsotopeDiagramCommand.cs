using System.CommandLine;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;
using GisBridge.Server.Regions;

namespace GisBridge.Server.Analysis;

/// <summary>`gisbridge isotope-diagram`: Pb-Pb (NHRL, geochron), Sr-Nd and Sr-Pb diagrams, PNG + SVG.</summary>
public static class IsotopeDiagramCommand
{
    public static Command Create(IServiceProvider services)
    {
        var input = RegionsCli.Input();
        var colour = new Option<string?>("--color-field") { Description = "Colour the points by this field (ridge, cluster, region, prediction)" };
        var width = new Option<int>("--width") { Description = "Pixels (default 1400)", DefaultValueFactory = _ => 1400 };
        var height = new Option<int>("--height") { Description = "Pixels (default 1100)", DefaultValueFactory = _ => 1100 };
        var title = new Option<string?>("--title") { Description = "Chart title" };
        var hide = new Option<bool>("--hide-end-members") { Description = "Leave out the mantle end-members (DMM, EM1, EM2, HIMU, FOZO)" };
        var output = new Option<string>("--output") { Description = "PNG chart; the SVG is written beside it", Required = true };
        var report = RegionsCli.Report();
        var command = new Command("isotope-diagram", "Isotope diagrams: Pb-Pb with the NHRL and the 4.55 Ga geochron, Sr-Nd, Sr-Pb, with the mantle end-members")
            { input, colour, width, height, title, hide, output, report };
        command.SetAction((parse, ct) => Task.FromResult(RegionsCli.Run(services, RegionsCli.Job<IsotopeDiagramJob>(services), () =>
        {
            var options = new IsotopeDiagramOptions
            {
                ColorField = parse.GetValue(colour) ?? "", Width = parse.GetValue(width), Height = parse.GetValue(height), Title = parse.GetValue(title) ?? "",
                HideEndMembers = parse.GetValue(hide),
            };
            var png = parse.GetValue(output)!;
            var outputs = new CliDestinations { ReportPath = parse.GetValue(report) };
            outputs.Files["chart_png"] = png;
            outputs.Files["chart_svg"] = RegionsCli.Beside(png, ".svg");
            return (options, RegionsCli.Samples(parse.GetValue(input)!), outputs);
        }, ct)));
        return command;
    }
}
