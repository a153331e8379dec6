using System.CommandLine;
using System.Globalization;
using GisBridge.Server.Jobs;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Lithology;

/// <summary>CLI verb ggmnet-dataset: the GgmnetDataset job with a gravity raster, vector files and a dataset folder.</summary>
public static class GgmnetDatasetCommand
{
    public static Command Create(IServiceProvider services)
    {
        var gravity = new Option<string>("--gravity") { Description = "Residual gravity grid (any GDAL raster; all bands become image channels)", Required = true };
        var geology = new Option<string>("--geology") { Description = "Geological map: polygons with a class field (GeoPackage, shapefile, GeoJSON)", Required = true };
        var classField = new Option<string>("--class-field") { Description = "Field of the geological map holding the lithology class", Required = true };
        var cover = new Option<string?>("--cover") { Description = "Cover polygons: cells under them are not labelled (ignored)" };
        var colours = new Option<string?>("--class-colors")
        {
            Description = "The map's own unit colours: CSV rows value,R,G,B,A,unit (no header); classes named there take that colour",
        };
        var windows = new Option<string>("--windows")
        {
            Description = "Window sizes, comma separated: degrees on geographic grids, metres on projected grids (e.g. 1,5,10,15)",
            Required = true,
        };
        var tile = new Option<int>("--tile") { Description = "Tile side in cells every window is resampled to (default 256)", DefaultValueFactory = _ => 256 };
        var stride = new Option<double>("--stride-fraction") { Description = "Window step as a fraction of the window (default 0.5)", DefaultValueFactory = _ => 0.5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the validation draw (default 0)" };
        var output = new Option<string>("--output") { Description = "Dataset folder to write", Required = true };
        var report = new Option<string?>("--report") { Description = "Write the JSON report here" };
        var channels = new Option<string[]>("--channel")
        {
            Description = "Extra input raster (magnetics, radiometrics, elevation...; repeatable), resampled onto the gravity grid", AllowMultipleArgumentsPerToken = false,
        };
        var spatialTest = new Option<double>("--spatial-test") { Description = "Spatially separated split: easternmost fraction of the grid for test (e.g. 0.25)" };
        var spatialVal = new Option<double>("--spatial-val") { Description = "With --spatial-test: the next fraction west of it for validation (default 0.15)" };
        var holdoutPoints = new Option<string?>("--holdout-points")
        {
            Description = "Observation points (outcrops): the labels within --holdout-radius of each are hidden, the class at each is kept for ggmnet-evaluate --subset holdout",
        };
        var holdoutRadius = new Option<double>("--holdout-radius") { Description = "With --holdout-points: radius of hidden labels, in the units of --windows" };
        var command = new Command("ggmnet-dataset",
            "Build a GGMNet dataset: multi-scale windows of a gravity grid with labels rasterised from a geological map")
            { gravity, geology, classField, cover, colours, windows, tile, stride, seed, output, report, channels, spatialTest, spatialVal, holdoutPoints, holdoutRadius };
        command.SetAction((parse, ct) =>
        {
            var options = new Proto.GgmnetDatasetOptions
            {
                ClassField = parse.GetValue(classField), Tile = parse.GetValue(tile),
                StrideFraction = parse.GetValue(stride), Seed = parse.GetValue(seed),
                SpatialTestFraction = parse.GetValue(spatialTest), SpatialValFraction = parse.GetValue(spatialVal),
                HoldoutRadius = parse.GetValue(holdoutRadius),
            };
            foreach (var w in parse.GetValue(windows)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out double size))
                {
                    Console.Error.WriteLine($"error: windows: '{w}' is not a number (give sizes separated by commas, e.g. 1,5,10,15)");
                    return Task.FromResult(CliJobRunner.ExitBadInput);
                }
                options.Windows.Add(size);
            }
            var runner = services.GetRequiredService<CliJobRunner>();
            var inputs = new JobInputs();
            string gravityPath = parse.GetValue(gravity)!;
            inputs.AddRasterFile("gravity", gravityPath, runner.Geo);
            var files = new List<(string, string?)> { ("geology", parse.GetValue(geology)), ("cover", parse.GetValue(cover)),
                (Io.Sep.ClassColorTable.Role, parse.GetValue(colours)), ("holdout_points", parse.GetValue(holdoutPoints)) };
            files.AddRange((parse.GetValue(channels) ?? []).Select(c => ("channel", (string?)c)));
            foreach (var (role, path) in files)
            {
                if (path is null) continue;
                if (!File.Exists(path))
                {
                    Console.Error.WriteLine($"error: {role}: file not found: {path}");
                    return Task.FromResult(CliJobRunner.ExitBadInput);
                }
                inputs.AddFile(new InputFile(role, Path.GetFileName(path), path));
            }
            var d = new CliDestinations { ReportPath = parse.GetValue(report) };
            d.Folders["dataset"] = parse.GetValue(output)!;
            return Task.FromResult(runner.Run(services.GetRequiredService<GgmnetDatasetJob>(), options, inputs, d, ct));
        });
        return command;
    }
}
