using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using GisBridge.Algorithms.Geochemistry;
using GisBridge.Protocol.V1;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Io.Sep;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Geochemistry;

/// <summary>
/// Geochemical table in, anomaly indices out (shared by the RPC Geochemistry.AnomalyIndices and the CLI verb
/// `indices`). Input file "table"; outputs "samples" (GeoPackage point layer, EPSG:4326, one feature per kept
/// row, all mapped input fields and the index fields) and, when asked, "table" (CSV). The result carries the
/// import report, the index conventions and the stage timings as JSON.
/// </summary>
public sealed class AnomalyIndicesJob : IJob<AnomalyIndicesOptions>
{
    public const string InputName = "table", LayerOutput = "samples", CsvOutput = "table";

    public void Validate(AnomalyIndicesOptions options)
    {
        OptionChecks.Defined(options.Format, "format");
        OptionChecks.Defined(options.BelowDetection, "below_detection");
        OptionChecks.Defined(options.Na8Method, "na8_method");
        if (options.HasNa8Slope) OptionChecks.Range(options.Na8Slope, -100, 100, "na8_slope", zeroIsDefault: false);
        if (options.HasFe3Fraction) OptionChecks.Range(options.Fe3Fraction, 0, 1, "fe3_fraction", zeroIsDefault: false);
        if (options.HasDupalD84Threshold) OptionChecks.Range(options.DupalD84Threshold, -1e6, 1e6, "dupal_d84_threshold", zeroIsDefault: false);
        OptionChecks.Count(options.ColumnMapping.Count, 10_000, "column_mapping");
    }

    public InputNeeds Needs(AnomalyIndicesOptions options) => InputNeeds.File(InputName);

    public void Run(AnomalyIndicesOptions options, JobInputs inputs, JobOutputs outputs, JobContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        var input = inputs.FilesNamed(InputName) switch
        {
            [var one] => one,
            [] => throw new JobInputException(InputName, "no table file was given"),
            var many => throw new JobInputException(InputName, $"{many.Count} table files were given, expected one"),
        };
        var indexOptions = AnomalyIndicesSettings.Indices(options);
        var readerOptions = AnomalyIndicesSettings.Reader(options, input.FileName);
        var timings = new Dictionary<string, double>();
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;

        context.Report(0.05, "reading", $"reading {input.FileName}");
        var read = GeochemCsvReader.ReadFile(input.Path, readerOptions);
        Lap("read_ms");
        context.Cancellation.ThrowIfCancellationRequested();
        if (read.Table.RowCount == 0)
            throw new JobInputException(InputName, $"{input.FileName}: no row with a location was read " +
                $"({read.Report.RowsRead} data rows, dropped: {string.Join(", ", read.Report.RowsDropped.Select(d => $"{d.Value} {d.Key}"))})");

        var table = read.Table;
        string? mergeRule = null;
        if (options.MergeSamples)
        {
            context.Report(0.35, "merging", "merging rows of one sample");
            table = SampleMerger.Merge(table);
            mergeRule = SampleMerger.Rule;
            Lap("merge_ms");
        }
        context.Report(0.4, "indices", "computing anomaly indices");
        var summary = AnomalyIndexCalculator.Compute(table, indexOptions);
        Lap("indices_ms");
        context.Cancellation.ThrowIfCancellationRequested();

        context.Report(0.55, "writing", $"writing {table.RowCount} point features");
        // The report's JSON set-up (serializer metadata, ~40 ms on first use) runs on a pool thread beside the
        // single-threaded building of the layer and creation of the GeoPackage, instead of after the write.
        ThreadPool.QueueUserWorkItem(static _ => WarmUpReportJson());
        string gpkg = Path.Combine(context.WorkDir, "samples.gpkg");
        var layer = SampleTableLayer.ToLayer(table, LayerOutput);
        Lap("layer_ms");
        OgrVectorWriter.WriteGeoPackage(gpkg, LayerOutput, layer);
        outputs.AddFile(LayerOutput, gpkg, Path.GetFileNameWithoutExtension(input.FileName) + "_indices.gpkg");
        Lap("write_gpkg_ms");
        if (options.WantCsv)
        {
            string csv = Path.Combine(context.WorkDir, "table.csv");
            using (var writer = new StreamWriter(csv, false, new System.Text.UTF8Encoding(false), 1 << 16))
                SampleTableCsvWriter.Write(table, writer);
            outputs.AddFile(CsvOutput, csv, Path.GetFileNameWithoutExtension(input.FileName) + "_indices.csv");
            Lap("write_csv_ms");
        }

        var rep = read.Report;
        outputs.Result.Message = $"{table.RowCount} samples from {rep.RowsRead} rows of {input.FileName} ({rep.Format}" +
            $"{(rep.FormatDetected ? ", detected" : "")}); {rep.RowsDroppedTotal} rows dropped; " +
            $"delta_8_4 for {summary.RowsWithValue["delta_8_4"]}, mg_number for {summary.RowsWithValue["mg_number"]}";
        foreach (var (kind, count) in rep.IssueCounts.Where(k => !k.Key.StartsWith("row dropped", StringComparison.Ordinal)))
            outputs.Warn($"{count} x {kind}, first: {rep.Issues.FirstOrDefault(i => i.Kind == kind)}");
        foreach (var (reason, count) in rep.RowsDropped)
            outputs.Warn($"{count} rows dropped: {reason}");
        outputs.Result.ReportJson = ReportJson(rep, summary, mergeRule, table.RowCount, timings);
        context.Report(1.0, "done", outputs.Result.Message);

        // Wall and process CPU time per stage (CPU time stays meaningful on a machine shared with other work).
        void Lap(string name)
        {
            var now = Process.GetCurrentProcess().TotalProcessorTime;
            timings[name] = Math.Round(watch.Elapsed.TotalMilliseconds, 1);
            timings[name.Replace("_ms", "_cpu_ms")] = Math.Round((now - cpu).TotalMilliseconds, 1);
            cpu = now;
            watch.Restart();
        }
    }

    private static void WarmUpReportJson()
    {
        var report = new ImportReport { File = "warm-up" };
        report.ColumnsMapped.Add(new ColumnMappingEntry("a", "b", "ppm", "ppm", 1, "alias", null));
        report.ColumnsIgnored.Add(new IgnoredColumn("c", "unknown"));
        report.Issues.Add(new ImportIssue("f", 1, "c", "reason", "kind"));
        report.RowsDropped["reason"] = 1;
        report.IssueCounts["kind"] = 1;
        report.Notes.Add("note");
        _ = ReportJson(report, new IndexSummary(new Dictionary<string, int> { ["a"] = 1 }, ["convention"]), null, 1, new() { ["t"] = 1 });
    }

    /// <summary>
    /// {"import": ImportReport, "indices": {...}, "merge": rule or null, "output_rows": n, "timings": {...}}, compact.
    /// Written field by field: the reflection-based serializer and JsonNode cost a CLI run about 0.1 s of CPU.
    /// </summary>
    internal static string ReportJson(ImportReport report, IndexSummary summary, string? mergeRule, int outputRows, Dictionary<string, double> timings)
    {
        var buffer = new ArrayBufferWriter<byte>(16 << 10);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WritePropertyName("import");
            report.WriteJson(json);
            json.WriteStartObject("indices");
            json.WriteStartObject("rows_with_value");
            foreach (var (name, count) in summary.RowsWithValue) json.WriteNumber(name, count);
            json.WriteEndObject();
            json.WriteStartArray("conventions");
            foreach (var convention in summary.Conventions) json.WriteStringValue(convention);
            json.WriteEndArray();
            json.WriteEndObject();
            if (mergeRule is null) json.WriteNull("merge");
            else json.WriteString("merge", mergeRule);
            json.WriteNumber("output_rows", outputRows);
            json.WriteStartObject("timings");
            foreach (var (name, ms) in timings) json.WriteNumber(name, ms);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
