using GisBridge.Server.Geochemistry;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GisBridge.Algorithms.Analysis;
using GisBridge.Algorithms.Common;
using GisBridge.Protocol.V1;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;
using GisBridge.Server.Regions;

namespace GisBridge.Server.Analysis;

/// <summary>Adds one field per raster with its value at each sample (bilinear or nearest; nodata, outside or
/// untransformable points stay null) and reports the correlations of chosen fields with the sampled ones.</summary>
public sealed partial class SampleRastersJob : IJob<SampleRastersOptions>
{
    /// <summary>Correlated by default when present: the Dupal isotope indices of Hart (1984).</summary>
    private static readonly string[] DefaultCorrelate = ["delta_8_4", "delta_7_4", "delta_sr"];

    private static readonly GdalGeoIo Geo = new();

    public void Validate(SampleRastersOptions o)
    {
        _ = ParseMethod(o.Method);
        OptionChecks.ChartSize(o.Width, o.Height);
        for (int i = 0; i < o.Bands.Count; i++) OptionChecks.Range(o.Bands[i], 1, 100_000, $"bands[{i}]", zeroIsDefault: false);
        OptionChecks.Count(o.Correlate.Count, 1000, "correlate");
    }

    public InputNeeds Needs(SampleRastersOptions o) => InputNeeds.File("samples", "raster");

    public void Run(SampleRastersOptions o, JobInputs inputs, JobOutputs outputs, JobContext ctx)
    {
        var rasters = inputs.FilesNamed("raster");
        if (rasters.Count == 0) throw new JobInputException("raster", "give at least one raster to sample");
        if (o.Fields.Count > 0 && o.Fields.Count != rasters.Count)
            throw new JobInputException("fields", $"{o.Fields.Count} field names for {rasters.Count} rasters");
        if (o.Bands.Count > 0 && o.Bands.Count != rasters.Count)
            throw new JobInputException("bands", $"{o.Bands.Count} bands for {rasters.Count} rasters");
        var method = ParseMethod(o.Method);
        var (width, height) = ChartFiles.Size(o.Width, o.Height, 1200, 0);
        ctx.Report(0, "reading", "reading samples");
        var table = SampleTableIo.Read(inputs.FilePath("samples"), "samples");
        if (!table.HasLocation) throw new JobInputException("samples", "the samples have no longitude/latitude");
        var lon = table.Numeric(SampleTable.Longitude);
        var lat = table.Numeric(SampleTable.Latitude);

        var sampled = new List<string>();
        var perRaster = new JsonArray();
        for (int k = 0; k < rasters.Count; k++)
        {
            ctx.Cancellation.ThrowIfCancellationRequested();
            var file = rasters[k];
            string field = FieldName(o.Fields.Count > 0 ? o.Fields[k] : Path.GetFileNameWithoutExtension(file.FileName), $"fields[{k}]");
            if (table.Columns.Contains(field) || sampled.Contains(field))
                throw new JobInputException($"fields[{k}]", $"the samples already have a field '{field}'; name the raster's field another way");
            int band = o.Bands.Count > 0 ? o.Bands[k] : 1;
            ctx.Report(0.05 + 0.6 * k / rasters.Count, "sampling", $"{file.FileName} -> {field}");
            var grid = InputCrs.Settle(GdalRasterReader.Read(file.Path, band), "", $"raster '{file.FileName}'", Geo, outputs.Warn);
            var values = GdalRasterSampler.Sample(grid, 1, lon, lat, method, $"raster '{file.FileName}'");
            table.SetNumeric(field, values);
            sampled.Add(field);
            int present = values.Count(double.IsFinite);
            if (present == 0) outputs.Warn($"raster '{file.FileName}' has no value at any sample (outside its extent or nodata)");
            perRaster.Add(new JsonObject { ["raster"] = file.FileName, ["field"] = field, ["band"] = band, ["samples_with_value"] = present });
        }

        var correlate = SampleTableIo.Names(o.Correlate);
        if (correlate.Length == 0) correlate = DefaultCorrelate.Where(table.HasNumeric).ToArray();
        foreach (var c in correlate)
            if (!table.HasNumeric(c))
                throw new JobInputException("correlate", $"'{c}' is not a numeric field of the samples (numeric fields: {string.Join(", ", table.NumericColumns)})");
        var groupField = SampleTableIo.Name(o.GroupField);
        if (groupField is not null && !table.Columns.Contains(groupField))
            throw new JobInputException("group_field", $"'{groupField}' is not a field of the samples");

        ctx.Report(0.7, "writing", "samples with the sampled fields");
        var samplesPath = Path.Combine(ctx.WorkDir, "samples.gpkg");
        OgrVectorWriter.WriteGeoPackage(samplesPath, "samples", SampleTableLayer.ToLayer(table, "samples"));
        outputs.AddFile("samples", samplesPath);

        var report = new JsonObject { ["method"] = method.ToString().ToLowerInvariant(), ["rasters"] = perRaster };
        if (correlate.Length > 0)
        {
            var pairs = FieldCorrelation.Compute(table, correlate, sampled, groupField);
            WriteCorrelation(table, pairs, correlate, sampled, groupField, width, height, ctx, outputs);
            report["correlate"] = new JsonArray(correlate.Select(c => (JsonNode)c).ToArray());
            report["group_field"] = groupField;
            report["correlations"] = new JsonArray(pairs.Select(PairJson).ToArray());
        }
        else outputs.Warn("no field to correlate (none of delta_8_4, delta_7_4, delta_sr present, none chosen): no correlation report");
        outputs.Result.Message = $"{sampled.Count} raster(s) sampled ({method.ToString().ToLowerInvariant()}) at {table.RowCount} samples: " +
            string.Join(", ", perRaster.Select(r => $"{r!["field"]} {r["samples_with_value"]}"));
        outputs.Result.ReportJson = report.ToJsonString();
        ctx.Report(1, "done", outputs.Result.Message);
    }

    private static void WriteCorrelation(SampleTable table, IReadOnlyList<CorrelationPair> pairs, string[] rows, List<string> columns,
        string? groupField, int width, int height, JobContext ctx, JobOutputs outputs)
    {
        ctx.Report(0.8, "charts", $"{rows.Length} x {columns.Count} correlations");
        var overall = pairs.Where(p => p.Group is null).ToArray();
        var csv = Path.Combine(ctx.WorkDir, "correlation.csv");
        File.WriteAllText(csv, Csv(pairs), new UTF8Encoding(false));
        outputs.AddFile("correlation", csv);
        int heatHeight = height > 0 ? height : Math.Max(400, 110 * rows.Length + 150);
        int scatterHeight = height > 0 ? height : Math.Max(300, 260 * rows.Length);
        var groups = groupField is null ? null : FieldCorrelation.GroupLabels(table, groupField);
        ChartFiles.AddOutputs(ctx, outputs, "heatmap", width, heatHeight,
            c => CorrelationChart.DrawHeatmap(c, overall, rows, columns, width, heatHeight, "Correlation"));
        ChartFiles.AddOutputs(ctx, outputs, "scatter", width, scatterHeight,
            c => CorrelationChart.DrawScatterMatrix(c, table, overall, rows, columns, groups, width, scatterHeight));
    }

    internal static PointSampling ParseMethod(string? value) => (value ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "bilinear" => PointSampling.Bilinear,
        "nearest" => PointSampling.Nearest,
        var other => throw new JobInputException("method", $"'{other}' is not bilinear or nearest"),
    };

    /// <summary>A field name the GeoPackage and QGIS take without quoting: lower case letters, digits and '_'.</summary>
    internal static string FieldName(string raw, string field)
    {
        var name = NotIdentifier().Replace(raw.Trim().ToLowerInvariant(), "_").Trim('_');
        if (name.Length == 0) throw new JobInputException(field, $"'{raw}' gives an empty field name");
        return char.IsDigit(name[0]) ? "r_" + name : name;
    }

    [GeneratedRegex("[^a-z0-9_]+")]
    private static partial Regex NotIdentifier();

    private static JsonNode PairJson(CorrelationPair p) => new JsonObject
    {
        ["x"] = p.X, ["y"] = p.Y, ["group"] = p.Group, ["n"] = p.Count,
        ["pearson"] = Num(p.Pearson), ["pearson_p"] = Num(p.PearsonP), ["spearman"] = Num(p.Spearman), ["spearman_p"] = Num(p.SpearmanP),
    };

    private static JsonNode? Num(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;

    private static string Csv(IEnumerable<CorrelationPair> pairs)
    {
        var sb = new StringBuilder("field,sampled_field,group,n,pearson_r,pearson_p,spearman_rho,spearman_p\n");
        foreach (var p in pairs)
            sb.AppendLine(string.Join(",", p.X, p.Y, Quote(p.Group ?? "(all)"), p.Count.ToString(CultureInfo.InvariantCulture),
                F(p.Pearson), F(p.PearsonP), F(p.Spearman), F(p.SpearmanP)));
        return sb.ToString();
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("G8", CultureInfo.InvariantCulture) : "";
    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
