using System.CommandLine;
using System.Globalization;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;
using GisBridge.Server.Regions;

namespace GisBridge.Server.Analysis;

/// <summary>`gisbridge end-members`: mantle end-member proportions of each sample, with the misfit.</summary>
public static class EndMemberMixingCommand
{
    private static readonly string[] TableColumns =
        ["name", "sr87_sr86", "nd143_nd144", "pb206_pb204", "pb207_pb204", "pb208_pb204", "sr_ppm", "nd_ppm", "pb_ppm", "citation"];

    public static Command Create(IServiceProvider services)
    {
        var input = RegionsCli.Input();
        var names = new Option<string?>("--end-members") { Description = "Comma-separated names from the built-in table (default DMM,EM1,EM2,HIMU,FOZO)" };
        var table = new Option<string?>("--table")
        {
            Description = "CSV of your own end-members, header " + string.Join(",", TableColumns) + " (empty cell = not given)",
        };
        var ratios = new Option<string?>("--ratios") { Description = "Comma-separated ratios fitted (default the five Sr-Nd-Pb ratios)" };
        var minRatios = new Option<int>("--min-ratios") { Description = "Samples with fewer ratios get no proportions (default 3)", DefaultValueFactory = _ => 3 };
        var output = new Option<string>("--output") { Description = "Samples with the proportions (GeoPackage)", Required = true };
        var report = RegionsCli.Report();
        var command = new Command("end-members", "Proportions of the mantle end-members (DMM, EM1, EM2, HIMU, FOZO) in each sample, with the misfit")
            { input, names, table, ratios, minRatios, output, report };
        command.SetAction((parse, ct) => Task.FromResult(RegionsCli.Run(services, RegionsCli.Job<EndMemberMixingJob>(services), () =>
        {
            var options = new EndMemberMixingOptions { MinRatios = parse.GetValue(minRatios) };
            if (parse.GetValue(names) is { } list) options.EndMembers.Add(list);
            if (parse.GetValue(ratios) is { } r) options.Ratios.Add(r);
            if (parse.GetValue(table) is { } csv) options.Compositions.AddRange(ReadTable(csv));
            var outputs = new CliDestinations { ReportPath = parse.GetValue(report) };
            outputs.Files["samples"] = parse.GetValue(output)!;
            return (options, RegionsCli.Samples(parse.GetValue(input)!), outputs);
        }, ct)));
        return command;
    }

    /// <summary>Reads an end-member CSV (plain comma-separated, no quoted commas; the citation is the last column).</summary>
    internal static IEnumerable<EndMemberComposition> ReadTable(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--table: file '{path}' does not exist");
        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToArray();
        if (lines.Length < 2) throw new FormatException($"--table: '{path}' has no end-member rows");
        var header = lines[0].Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var missing = TableColumns[..9].Where(c => !header.Contains(c)).ToArray();
        if (missing.Length > 0) throw new FormatException($"--table: '{path}' lacks the column(s) {string.Join(", ", missing)}");
        var result = new List<EndMemberComposition>();
        for (int i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',', header.Length).Select(c => c.Trim().Trim('"')).ToArray();
            string Cell(string column) => Array.IndexOf(header, column) is var k and >= 0 && k < cells.Length ? cells[k] : "";
            double Number(string column) => Cell(column) is { Length: > 0 } s
                ? double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                    : throw new FormatException($"--table: line {i + 1}, {column}: '{s}' is not a number")
                : 0;
            result.Add(new EndMemberComposition
            {
                Name = Cell("name"), Sr87Sr86 = Number("sr87_sr86"), Nd143Nd144 = Number("nd143_nd144"), Pb206Pb204 = Number("pb206_pb204"),
                Pb207Pb204 = Number("pb207_pb204"), Pb208Pb204 = Number("pb208_pb204"), SrPpm = Number("sr_ppm"), NdPpm = Number("nd_ppm"),
                PbPpm = Number("pb_ppm"), Citation = Cell("citation"),
            });
        }
        return result;
    }
}
