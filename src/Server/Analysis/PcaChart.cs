using GisBridge.Algorithms.Analysis;
using ScottPlot;
using SkiaSharp;

namespace GisBridge.Server.Analysis;

/// <summary>PCA chart in three panels: explained variance per component (bars) with the cumulative share (line),
/// loadings of the first three components per field (grouped bars), and the PC1-PC2 scores coloured by group.</summary>
public static class PcaChart
{
    public static void Draw(SKCanvas canvas, PcaResult pca, string?[]? groups, int width, int height, string? title)
    {
        float third = width / 3f;
        ChartFiles.DrawPanel(canvas, Scree(pca, title), new SKRect(0, 0, third, height));
        ChartFiles.DrawPanel(canvas, Loadings(pca), new SKRect(third, 0, 2 * third, height));
        ChartFiles.DrawPanel(canvas, Scores(pca, groups), new SKRect(2 * third, 0, width, height));
    }

    private static Plot Scree(PcaResult pca, string? title)
    {
        var plot = new Plot();
        int k = pca.VarianceRatio.Length;
        var percent = pca.VarianceRatio.Select(r => 100 * r).ToArray();
        plot.Add.Bars(Enumerable.Range(1, k).Select(i => (double)i).ToArray(), percent);
        double sum = 0;
        var cumulative = percent.Select(v => sum += v).ToArray();
        var line = plot.Add.Scatter(Enumerable.Range(1, k).Select(i => (double)i).ToArray(), cumulative);
        line.LegendText = "cumulative";
        plot.Axes.Bottom.SetTicks(Enumerable.Range(1, k).Select(i => (double)i).ToArray(), Enumerable.Range(1, k).Select(i => $"PC{i}").ToArray());
        plot.YLabel("Explained variance (%)");
        plot.Title(string.IsNullOrWhiteSpace(title) ? $"PCA ({Name(pca.Transform)})" : title);
        plot.ShowLegend(Alignment.MiddleRight);
        return plot;
    }

    private static Plot Loadings(PcaResult pca)
    {
        var plot = new Plot();
        int p = pca.Fields.Count, shown = Math.Min(3, pca.SingularValues.Length);
        var palette = new ScottPlot.Palettes.Category10();
        double width = 0.8 / shown;
        for (int c = 0; c < shown; c++)
        {
            var bars = Enumerable.Range(0, p).Select(j => new Bar
            {
                Position = j - 0.4 + width * (c + 0.5), Value = pca.Loadings[j, c], Size = width, FillColor = palette.GetColor(c),
            }).ToList();
            plot.Add.Bars(bars);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"PC{c + 1}", FillColor = palette.GetColor(c) });
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, p).Select(j => (double)j).ToArray(), pca.Fields.ToArray());
        plot.Add.HorizontalLine(0).Color = Colors.Gray;
        plot.YLabel("Loading");
        plot.Title("Loadings");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static Plot Scores(PcaResult pca, string?[]? groups)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category20();
        int n = pca.Rows.Length;
        var keys = groups is null ? [null] : pca.Rows.Select(r => groups[r]).Distinct().OrderBy(g => g ?? "\uffff", StringComparer.Ordinal).ToArray();
        for (int g = 0; g < keys.Length; g++)
        {
            var idx = Enumerable.Range(0, n).Where(i => groups is null || groups[pca.Rows[i]] == keys[g]).ToArray();
            var points = plot.Add.ScatterPoints(idx.Select(i => pca.Scores[i, 0]).ToArray(), idx.Select(i => pca.Scores[i, 1]).ToArray());
            points.Color = palette.GetColor(g).WithAlpha(0.7);
            points.MarkerSize = 3;
            if (groups is not null) points.LegendText = keys[g] ?? "(none)";
        }
        plot.XLabel(FormattableString.Invariant($"PC1 ({100 * pca.VarianceRatio[0]:F1} %)"));
        plot.YLabel(FormattableString.Invariant($"PC2 ({100 * pca.VarianceRatio[1]:F1} %)"));
        plot.Title("Scores");
        if (groups is not null) plot.ShowLegend(Edge.Right);
        return plot;
    }

    public static string Name(PcaTransform t) => t == PcaTransform.Clr ? "centred log-ratios" : "standardised";
}
