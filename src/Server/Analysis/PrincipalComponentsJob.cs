using GisBridge.Server.Geochemistry;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GisBridge.Algorithms.Analysis;
using GisBridge.Algorithms.Common;
using GisBridge.Protocol.V1;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;
using GisBridge.Server.Regions;

namespace GisBridge.Server.Analysis;

/// <summary>PCA of compositions (CLR) or of standardised ratios: PC scores as fields on the samples, loadings CSV,
/// a chart (explained variance, loadings, scores) and the correlation matrix of the fields as a heatmap.</summary>
public sealed class PrincipalComponentsJob : IJob<PrincipalComponentsOptions>
{
    /// <summary>Defaults: the major oxides of a basalt analysis (CLR) and the Sr-Nd-Pb isotope ratios (standardised).</summary>
    private static readonly string[] MajorOxides = ["sio2", "tio2", "al2o3", "feot", "mgo", "cao", "na2o", "k2o"];
    private static readonly string[] IsotopeRatios = ["sr87_sr86", "nd143_nd144", "pb206_pb204", "pb207_pb204", "pb208_pb204"];

    public void Validate(PrincipalComponentsOptions o)
    {
        OptionChecks.OneOf(o.Transform, "transform", "clr", "standardise", "standardize", "zscore");
        OptionChecks.Range(o.Components, 1, 100, "components");
        OptionChecks.Count(o.Fields.Count, 1000, "fields");
        OptionChecks.ChartSize(o.Width, o.Height);
    }

    public InputNeeds Needs(PrincipalComponentsOptions o) => InputNeeds.File("samples");

    public void Run(PrincipalComponentsOptions o, JobInputs inputs, JobOutputs outputs, JobContext ctx)
    {
        var transform = (o.Transform ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "clr" => PcaTransform.Clr,
            "standardise" or "standardize" or "zscore" => PcaTransform.Standardise,
            var other => throw new JobInputException("transform", $"'{other}' is not clr or standardise"),
        };
        var fields = SampleTableIo.Names(o.Fields);
        if (fields.Length == 0) fields = transform == PcaTransform.Clr ? MajorOxides : IsotopeRatios;
        var (width, height) = ChartFiles.Size(o.Width, o.Height, 1500, 500);
        ctx.Report(0, "reading", "reading samples");
        var table = SampleTableIo.Read(inputs.FilePath("samples"), "samples");
        var groupField = SampleTableIo.Name(o.GroupField);
        if (groupField is not null && !table.Columns.Contains(groupField))
            throw new JobInputException("group_field", $"'{groupField}' is not a field of the samples");
        foreach (var f in fields)
            if (!table.HasNumeric(f))
                throw new JobInputException("fields", $"'{f}' is not a numeric field of the samples (numeric fields: {string.Join(", ", table.NumericColumns)})");
        ctx.Report(0.2, "decomposing", $"{fields.Length} fields ({PcaChart.Name(transform)})");
        var pca = PrincipalComponents.Fit(table, fields, transform);
        int k = Math.Clamp(o.Components > 0 ? o.Components : 3, 1, pca.SingularValues.Length);
        for (int c = 0; c < k; c++)
        {
            var score = Enumerable.Repeat(double.NaN, table.RowCount).ToArray();
            for (int i = 0; i < pca.Rows.Length; i++) score[pca.Rows[i]] = pca.Scores[i, c];
            table.SetNumeric($"pc{c + 1}", score);
        }

        ctx.Report(0.6, "writing", "samples, loadings and charts");
        var samplesPath = Path.Combine(ctx.WorkDir, "samples.gpkg");
        OgrVectorWriter.WriteGeoPackage(samplesPath, "samples", SampleTableLayer.ToLayer(table, "samples"));
        outputs.AddFile("samples", samplesPath);
        var loadings = Path.Combine(ctx.WorkDir, "loadings.csv");
        File.WriteAllText(loadings, LoadingsCsv(pca), new UTF8Encoding(false));
        outputs.AddFile("loadings", loadings);
        var groups = groupField is null ? null : FieldCorrelation.GroupLabels(table, groupField);
        ChartFiles.AddOutputs(ctx, outputs, "chart", width, height, c => PcaChart.Draw(c, pca, groups, width, height, null));
        var correlations = FieldCorrelation.Compute(table.SelectRows(pca.Rows), fields, fields, null);
        int side = Math.Max(500, 80 * fields.Length + 150);
        ChartFiles.AddOutputs(ctx, outputs, "correlation", 2 * side, side, c => CorrelationChart.DrawHeatmap(c, correlations, fields, fields, 2 * side, side, "Fields"));

        var ratio = pca.VarianceRatio;
        outputs.Result.Message = string.Create(CultureInfo.InvariantCulture,
            $"PCA ({PcaChart.Name(transform)}) of {string.Join(", ", fields)} on {pca.Rows.Length} of {table.RowCount} samples: " +
            $"PC1 {100 * ratio[0]:F1} %, PC2 {100 * ratio[1]:F1} %");
        outputs.Result.ReportJson = new JsonObject
        {
            ["transform"] = transform == PcaTransform.Clr ? "clr" : "standardise",
            ["fields"] = new JsonArray(fields.Select(f => (JsonNode)f).ToArray()),
            ["samples"] = pca.Rows.Length,
            ["samples_skipped"] = table.RowCount - pca.Rows.Length,
            ["singular_values"] = new JsonArray(pca.SingularValues.Select(v => (JsonNode)v).ToArray()),
            ["explained_variance"] = new JsonArray(pca.Variance.Select(v => (JsonNode)v).ToArray()),
            ["explained_variance_ratio"] = new JsonArray(ratio.Select(v => (JsonNode)v).ToArray()),
        }.ToJsonString();
        ctx.Report(1, "done", outputs.Result.Message);
    }

    private static string LoadingsCsv(PcaResult pca)
    {
        int k = pca.SingularValues.Length;
        var sb = new StringBuilder("field," + string.Join(",", Enumerable.Range(1, k).Select(c => $"pc{c}")) + "\n");
        for (int j = 0; j < pca.Fields.Count; j++)
            sb.AppendLine(pca.Fields[j] + "," + string.Join(",", Enumerable.Range(0, k).Select(c => pca.Loadings[j, c].ToString("G10", CultureInfo.InvariantCulture))));
        sb.AppendLine("explained_variance_ratio," + string.Join(",", pca.VarianceRatio.Select(v => v.ToString("G10", CultureInfo.InvariantCulture))));
        return sb.ToString();
    }
}
