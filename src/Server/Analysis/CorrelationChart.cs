using System.Globalization;
using GisBridge.Algorithms.Analysis;
using GisBridge.Algorithms.Common;
using ScottPlot;
using SkiaSharp;

namespace GisBridge.Server.Analysis;

/// <summary>The correlation report's charts: a heatmap of Pearson and Spearman coefficients (rows: the correlated
/// fields, columns: the sampled ones, each cell labelled with r and n), and a scatter matrix of the same pairs.</summary>
public static class CorrelationChart
{
    public static void DrawHeatmap(SKCanvas canvas, IReadOnlyList<CorrelationPair> overall, IReadOnlyList<string> rows,
        IReadOnlyList<string> columns, int width, int height, string? title)
    {
        for (int k = 0; k < 2; k++)
        {
            bool spearman = k == 1;
            var plot = new Plot();
            for (int i = 0; i < rows.Count; i++)
                for (int j = 0; j < columns.Count; j++)
                {
                    var pair = overall.First(p => p.X == rows[i] && p.Y == columns[j]);
                    double r = spearman ? pair.Spearman : pair.Pearson;
                    double p = spearman ? pair.SpearmanP : pair.PearsonP;
                    double y = rows.Count - 1 - i;
                    var cell = plot.Add.Rectangle(j - 0.5, j + 0.5, y - 0.5, y + 0.5);
                    cell.FillColor = ChartFiles.Diverging(r);
                    cell.LineColor = Colors.White;
                    var label = plot.Add.Text(Label(r, p, pair.Count), j, y);
                    label.LabelAlignment = Alignment.MiddleCenter;
                    label.LabelFontSize = 12;
                }
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, columns.Count).Select(j => (double)j).ToArray(), columns.ToArray());
            plot.Axes.Left.SetTicks(Enumerable.Range(0, rows.Count).Select(i => (double)(rows.Count - 1 - i)).ToArray(), rows.ToArray());
            plot.Axes.SetLimits(-0.5, columns.Count - 0.5, -0.5, rows.Count - 0.5);
            plot.Title((string.IsNullOrWhiteSpace(title) ? "" : title + ": ") + (spearman ? "Spearman ρ" : "Pearson r"));
            plot.HideGrid();
            float half = width / 2f;
            ChartFiles.DrawPanel(canvas, plot, new SKRect(k * half, 0, (k + 1) * half, height));
        }
    }

    public static void DrawScatterMatrix(SKCanvas canvas, SampleTable table, IReadOnlyList<CorrelationPair> overall,
        IReadOnlyList<string> rows, IReadOnlyList<string> columns, string?[]? groups, int width, int height)
    {
        var palette = new ScottPlot.Palettes.Category10();
        var groupNames = groups?.Where(g => !string.IsNullOrWhiteSpace(g)).Distinct().OrderBy(g => g, StringComparer.Ordinal).ToArray() ?? [];
        float cellW = (float)width / columns.Count, cellH = (float)height / rows.Count;
        for (int i = 0; i < rows.Count; i++)
            for (int j = 0; j < columns.Count; j++)
            {
                var plot = new Plot();
                var x = table.Numeric(columns[j]);
                var y = table.Numeric(rows[i]);
                var keys = groupNames.Length > 0 ? groupNames : [null];
                for (int g = 0; g < keys.Length; g++)
                {
                    var idx = Enumerable.Range(0, table.RowCount)
                        .Where(r => double.IsFinite(x[r]) && double.IsFinite(y[r]) && (keys[g] is null || groups![r] == keys[g])).ToArray();
                    if (idx.Length == 0) continue;
                    var points = plot.Add.ScatterPoints(idx.Select(r => x[r]).ToArray(), idx.Select(r => y[r]).ToArray());
                    points.Color = palette.GetColor(g).WithAlpha(0.6);
                    points.MarkerSize = 3;
                    if (keys[g] is not null && i == 0 && j == columns.Count - 1) points.LegendText = keys[g]!;
                }
                var pair = overall.First(p => p.X == rows[i] && p.Y == columns[j]);
                plot.Title(string.Create(CultureInfo.InvariantCulture, $"r = {pair.Pearson:F2}, ρ = {pair.Spearman:F2}, n = {pair.Count}"), size: 11);
                if (i == rows.Count - 1) plot.XLabel(columns[j]);
                if (j == 0) plot.YLabel(rows[i]);
                if (groupNames.Length > 0 && i == 0 && j == columns.Count - 1) plot.ShowLegend(Alignment.UpperRight);
                ChartFiles.DrawPanel(canvas, plot, new SKRect(j * cellW, i * cellH, (j + 1) * cellW, (i + 1) * cellH));
            }
    }

    private static string Label(double r, double p, int n) => double.IsFinite(r)
        ? string.Create(CultureInfo.InvariantCulture, $"{r:F2}{(p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "")}\nn={n}")
        : $"n={n}";
}
