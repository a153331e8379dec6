using System.CommandLine;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;
using GisBridge.Server.Regions;

namespace GisBridge.Server.Analysis;

/// <summary>`gisbridge sample-rasters`: raster values at the samples and their correlation with chosen fields.</summary>
public static class SampleRastersCommand
{
    public static Command Create(IServiceProvider services)
    {
        var input = RegionsCli.Input();
        var raster = new Option<string[]>("--raster") { Description = "A raster to sample (repeat for several; any file GDAL reads)", Required = true, AllowMultipleArgumentsPerToken = false };
        var field = new Option<string?>("--field") { Description = "Comma-separated field names, one per raster (default: the file names)" };
        var band = new Option<string?>("--band") { Description = "Comma-separated 1-based bands, one per raster (default 1)" };
        var method = new Option<string>("--method") { Description = "bilinear | nearest (default bilinear)", DefaultValueFactory = _ => "bilinear" };
        var correlate = new Option<string?>("--correlate") { Description = "Comma-separated fields correlated with the sampled ones (default delta_8_4,delta_7_4,delta_sr)" };
        var group = new Option<string?>("--group-field") { Description = "Correlations also per value of this field (e.g. ridge, cluster)" };
        var width = new Option<int>("--width") { Description = "Chart pixels (default 1200)", DefaultValueFactory = _ => 1200 };
        var output = new Option<string>("--output") { Description = "Samples with the sampled fields (GeoPackage)", Required = true };
        var correlation = new Option<string?>("--correlation") { Description = "Correlation table (CSV); the heatmap and scatter-matrix charts (PNG, SVG) are written beside it" };
        var report = RegionsCli.Report();
        var command = new Command("sample-rasters", "Raster values at the samples (one field per raster) and a correlation report")
            { input, raster, field, band, method, correlate, group, width, output, correlation, report };
        command.SetAction((parse, ct) => Task.FromResult(RegionsCli.Run(services, RegionsCli.Job<SampleRastersJob>(services), () =>
        {
            var options = new SampleRastersOptions { Method = parse.GetValue(method)!, GroupField = parse.GetValue(group) ?? "", Width = parse.GetValue(width) };
            options.Fields.AddRange(Split(parse.GetValue(field)));
            foreach (var b in Split(parse.GetValue(band)))
                options.Bands.Add(int.TryParse(b, out var n) ? n : throw new FormatException($"--band: '{b}' is not a band number"));
            options.Correlate.AddRange(Split(parse.GetValue(correlate)));
            var inputs = RegionsCli.Samples(parse.GetValue(input)!);
            foreach (var path in parse.GetValue(raster)!)
            {
                if (!File.Exists(path)) throw new FileNotFoundException($"--raster: file '{path}' does not exist");
                inputs.AddFile(new InputFile("raster", Path.GetFileName(path), Path.GetFullPath(path)));
            }
            var outputs = new CliDestinations { ReportPath = parse.GetValue(report) };
            outputs.Files["samples"] = parse.GetValue(output)!;
            if (parse.GetValue(correlation) is { } csv)
            {
                outputs.Files["correlation"] = csv;
                foreach (var chart in new[] { "heatmap", "scatter" })
                {
                    outputs.Files[chart + "_png"] = Beside(csv, "_" + chart + ".png");
                    outputs.Files[chart + "_svg"] = Beside(csv, "_" + chart + ".svg");
                }
            }
            return (options, inputs, outputs);
        }, ct)));
        return command;
    }

    private static string[] Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>OUT.csv -> OUT_heatmap.png.</summary>
    private static string Beside(string path, string suffix) =>
        Path.Combine(Path.GetDirectoryName(path) ?? "", Path.GetFileNameWithoutExtension(path) + suffix);
}
