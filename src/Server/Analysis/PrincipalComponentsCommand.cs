using System.CommandLine;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;
using GisBridge.Server.Regions;

namespace GisBridge.Server.Analysis;

/// <summary>`gisbridge pca`: principal components of compositions (CLR) or standardised ratios.</summary>
public static class PrincipalComponentsCommand
{
    public static Command Create(IServiceProvider services)
    {
        var input = RegionsCli.Input();
        var fields = new Option<string?>("--fields") { Description = "Comma-separated fields (default: major oxides for clr, Sr-Nd-Pb isotope ratios for standardise)" };
        var transform = new Option<string>("--transform") { Description = "clr | standardise (default clr)", DefaultValueFactory = _ => "clr" };
        var components = new Option<int>("--components") { Description = "Score fields pc1..pcN written on the samples (default 3)", DefaultValueFactory = _ => 3 };
        var group = new Option<string?>("--group-field") { Description = "Colour the score plot by this field (e.g. ridge, cluster)" };
        var output = new Option<string>("--output") { Description = "Samples with the PC scores (GeoPackage)", Required = true };
        var chart = new Option<string?>("--chart") { Description = "PCA chart (PNG); the SVG, the loadings CSV and the correlation heatmap are written beside it" };
        var report = RegionsCli.Report();
        var command = new Command("pca", "Principal components of centred log-ratio compositions or standardised isotope ratios")
            { input, fields, transform, components, group, output, chart, report };
        command.SetAction((parse, ct) => Task.FromResult(RegionsCli.Run(services, RegionsCli.Job<PrincipalComponentsJob>(services), () =>
        {
            var options = new PrincipalComponentsOptions
            {
                Transform = parse.GetValue(transform)!, Components = parse.GetValue(components), GroupField = parse.GetValue(group) ?? "",
            };
            if (parse.GetValue(fields) is { } list) options.Fields.Add(list);
            var outputs = new CliDestinations { ReportPath = parse.GetValue(report) };
            outputs.Files["samples"] = parse.GetValue(output)!;
            if (parse.GetValue(chart) is { } png)
            {
                string stem = Path.Combine(Path.GetDirectoryName(png) ?? "", Path.GetFileNameWithoutExtension(png));
                outputs.Files["chart_png"] = png;
                outputs.Files["chart_svg"] = stem + ".svg";
                outputs.Files["loadings"] = stem + "_loadings.csv";
                outputs.Files["correlation_png"] = stem + "_correlation.png";
                outputs.Files["correlation_svg"] = stem + "_correlation.svg";
            }
            return (options, RegionsCli.Samples(parse.GetValue(input)!), outputs);
        }, ct)));
        return command;
    }
}
