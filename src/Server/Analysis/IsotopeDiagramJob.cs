using System.Globalization;
using System.Text.Json.Nodes;
using GisBridge.Algorithms.Analysis;
using GisBridge.Algorithms.Common;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;
using GisBridge.Server.Regions;

namespace GisBridge.Server.Analysis;

/// <summary>Isotope diagrams of the samples (Pb-Pb with NHRL and geochron, Sr-Nd, Sr-Pb) as "chart_png" and "chart_svg".</summary>
public sealed class IsotopeDiagramJob : IJob<IsotopeDiagramOptions>
{
    /// <summary>A numeric colour field with more distinct values than this is drawn in quintile classes.</summary>
    private const int MaxCategories = 12;

    public void Validate(IsotopeDiagramOptions o) => OptionChecks.ChartSize(o.Width, o.Height);

    public InputNeeds Needs(IsotopeDiagramOptions o) => InputNeeds.File("samples");

    public void Run(IsotopeDiagramOptions o, JobInputs inputs, JobOutputs outputs, JobContext ctx)
    {
        var (width, height) = ChartFiles.Size(o.Width, o.Height, 1400, 1100);
        ctx.Report(0, "reading", "reading samples");
        var table = SampleTableIo.Read(inputs.FilePath("samples"), "samples");
        var present = IsotopeDiagramChart.Fields.ToDictionary(f => f, f => table.HasNumeric(f) ? table.Numeric(f).Count(double.IsFinite) : 0);
        if (present.Values.All(n => n == 0))
            throw new JobInputException("samples", $"the samples have none of the isotope ratios {string.Join(", ", present.Keys)}");
        var colourField = SampleTableIo.Name(o.ColorField);
        if (colourField is not null && !table.Columns.Contains(colourField))
            throw new JobInputException("color_field", $"'{colourField}' is not a field of the samples");
        var colours = colourField is null ? null : Labels(table, colourField);
        ctx.Report(0.5, "drawing", "isotope diagrams");
        ChartFiles.AddOutputs(ctx, outputs, "chart", width, height, c => IsotopeDiagramChart.Draw(c, table, colours, width, height, o.Title));
        outputs.Result.Message = "isotope diagrams of " + string.Join(", ", present.Select(p => $"{p.Key} {p.Value}"));
        var report = new JsonObject { ["color_field"] = colourField };
        foreach (var (field, n) in present) report[field] = n;
        outputs.Result.ReportJson = report.ToJsonString();
        ctx.Report(1, "done", outputs.Result.Message);
    }

    /// <summary>Category per value; a numeric field with many values in quintile classes "low-high".</summary>
    private static string?[] Labels(SampleTable table, string field)
    {
        var labels = FieldCorrelation.GroupLabels(table, field);
        if (!table.HasNumeric(field) || labels.Where(l => l is not null).Distinct().Count() <= MaxCategories) return labels;
        var v = table.Numeric(field);
        var sorted = v.Where(double.IsFinite).Order().ToArray();
        var edges = Enumerable.Range(0, 6).Select(i => sorted[Math.Min(sorted.Length - 1, i * (sorted.Length - 1) / 5)]).ToArray();
        string Name(int c) => string.Create(CultureInfo.InvariantCulture, $"{c + 1}: {edges[c]:G4} to {edges[c + 1]:G4}");
        return v.Select(x => double.IsFinite(x) ? Name(Math.Clamp(Array.FindLastIndex(edges, e => e <= x), 0, 4)) : null).ToArray();
    }
}
