using System.CommandLine;
using GisBridge.Algorithms.Geochemistry;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;
using ProtoFormat = GisBridge.Protocol.V1.TableFormat;
using ProtoNa8 = GisBridge.Protocol.V1.Na8Method;
using ProtoBelow = GisBridge.Protocol.V1.BelowDetectionPolicy;

namespace GisBridge.Server.Geochemistry;

/// <summary>
/// `gisbridge indices --input FILE [--format auto|georoc|petdb|gale|csv] --output OUT.gpkg [--csv OUT.csv]
/// [--report REPORT.json] [--mapping "src=canonical,..."] [--below-detection missing|half] [--na8-method ...]
/// [--na8-slope S] [--fe3-fraction F] [--dupal-threshold D] [--merge-samples]`: the AnomalyIndices job.
/// </summary>
public static class IndicesCommand
{
    public static Command Create(IServiceProvider services)
    {
        var input = new Option<string>("--input") { Description = "Geochemical table (CSV: GEOROC, EarthChem/PetDB, Gale-style or any CSV)", Required = true };
        var format = new Option<string>("--format") { Description = "auto (default), georoc, petdb, gale or csv", DefaultValueFactory = _ => "auto" };
        var output = new Option<string>("--output") { Description = "GeoPackage to write (point layer 'samples', EPSG:4326)", Required = true };
        var csv = new Option<string?>("--csv") { Description = "Also write the table with the indices as CSV" };
        var report = new Option<string?>("--report") { Description = "Write the import report and index conventions as JSON" };
        var mapping = new Option<string?>("--mapping") { Description = "Column overrides \"source=canonical[:unit],...\" (canonical 'ignore' drops a column)" };
        var below = new Option<string>("--below-detection") { Description = "missing (default) or half (x/2 for '< x')", DefaultValueFactory = _ => "missing" };
        var na8 = new Option<string>("--na8-method") { Description = "klein-langmuir-1987 (default), gale-2014 or castillo-2000", DefaultValueFactory = _ => "klein-langmuir-1987" };
        var slope = new Option<double?>("--na8-slope") { Description = "Slope s of gale-2014 (default -0.32)" };
        var fe3 = new Option<double?>("--fe3-fraction") { Description = "Fe3+/total Fe for Mg# (default 0.15)" };
        var dupal = new Option<double?>("--dupal-threshold") { Description = "Dupal when delta_8_4 exceeds this (default 40)" };
        var merge = new Option<bool>("--merge-samples") { Description = "Merge rows with the same sample_id (see --merge-rule)" };
        var mergeRule = new Option<string>("--merge-rule") { Description = "mean (default) or priority: isotopes from the most recent publication, majors glass before whole rock, each value's row recorded", DefaultValueFactory = _ => "mean" };
        var command = new Command("indices", "Geochemical anomaly indices (D7/4, D8/4, DSr, Mg#, Na8, Fe8, REE ratios, eNd, Dupal) of a sample table")
        {
            input, format, output, csv, report, mapping, below, na8, slope, fe3, dupal, merge, mergeRule,
        };
        command.SetAction((parse, ct) =>
        {
            try
            {
                string path = parse.GetValue(input)!;
                if (!File.Exists(path)) throw new FileNotFoundException($"--input: '{path}' does not exist");
                var options = new AnomalyIndicesOptions
                {
                    Format = ParseFormat(parse.GetValue(format)!),
                    BelowDetection = parse.GetValue(below)!.Trim().ToLowerInvariant() switch
                    {
                        "missing" => ProtoBelow.BelowDetectionMissing,
                        "half" => ProtoBelow.BelowDetectionHalfLimit,
                        var other => throw new ArgumentException($"--below-detection: '{other}' is not missing or half"),
                    },
                    Na8Method = AnomalyIndexOptions.ParseNa8Method(parse.GetValue(na8)!) switch
                    {
                        Algorithms.Geochemistry.Na8Method.Gale2014 => ProtoNa8.Gale2014,
                        Algorithms.Geochemistry.Na8Method.Castillo2000 => ProtoNa8.Castillo2000,
                        _ => ProtoNa8.KleinLangmuir1987,
                    },
                    MergeSamples = parse.GetValue(merge),
                    MergeRule = parse.GetValue(mergeRule) ?? "",
                    WantCsv = parse.GetValue(csv) is not null,
                };
                if (parse.GetValue(slope) is double s) options.Na8Slope = s;
                if (parse.GetValue(fe3) is double f) options.Fe3Fraction = f;
                if (parse.GetValue(dupal) is double d) options.DupalD84Threshold = d;
                foreach (var (k, v) in ReaderOptions.ParseMapping(parse.GetValue(mapping))) options.ColumnMapping[k] = v;

                var inputs = new JobInputs();
                inputs.AddFile(new InputFile(AnomalyIndicesJob.InputName, Path.GetFileName(path), Path.GetFullPath(path)));
                var destinations = new CliDestinations { ReportPath = parse.GetValue(report) };
                destinations.Files[AnomalyIndicesJob.LayerOutput] = parse.GetValue(output)!;
                if (parse.GetValue(csv) is string csvPath) destinations.Files[AnomalyIndicesJob.CsvOutput] = csvPath;
                var runner = services.GetRequiredService<CliJobRunner>();
                return Task.FromResult(runner.Run(services.GetRequiredService<AnomalyIndicesJob>(), options, inputs, destinations, ct));
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return Task.FromResult(CliJobRunner.ExitBadInput);
            }
        });
        return command;
    }

    private static ProtoFormat ParseFormat(string text) => FormatConventions.Parse(text) switch
    {
        Algorithms.Geochemistry.TableFormat.Georoc => ProtoFormat.Georoc,
        Algorithms.Geochemistry.TableFormat.Petdb => ProtoFormat.Petdb,
        Algorithms.Geochemistry.TableFormat.Gale => ProtoFormat.Gale,
        Algorithms.Geochemistry.TableFormat.Csv => ProtoFormat.Csv,
        _ => ProtoFormat.Auto,
    };
}
