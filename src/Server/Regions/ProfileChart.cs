using GisBridge.Algorithms.Regions;
using ScottPlot;
using SkiaSharp;

namespace GisBridge.Server.Regions;

/// <summary>Along-ridge profile charts (as figure 3 of the proposal): one panel per index, one colour per ridge,
/// index against longitude or along-ridge distance; PNG and SVG through ScottPlot.</summary>
public static class ProfileChart
{
    /// <summary>Reference lines drawn on known indices (Dupal threshold D8/4 = 40, Hart 1984).</summary>
    private static readonly Dictionary<string, double> ReferenceLines = new(StringComparer.Ordinal) { ["delta_8_4"] = 40 };

    public static void SavePng(RidgeProfile profile, string path, int width, int height, string? title) =>
        Analysis.ChartFiles.SavePng(path, width, height, c => Draw(profile, c, width, height, title));

    public static void SaveSvg(RidgeProfile profile, string path, int width, int height, string? title) =>
        Analysis.ChartFiles.SaveSvg(path, width, height, c => Draw(profile, c, width, height, title));

    private static void Draw(RidgeProfile profile, SKCanvas canvas, int width, int height, string? title)
    {
        int panels = profile.Indices.Count;
        var palette = new ScottPlot.Palettes.Category20();
        for (int k = 0; k < panels; k++)
        {
            var plot = new Plot();
            for (int g = 0; g < profile.Series.Count; g++)
            {
                var series = profile.Series[g];
                var points = series.Samples.Where(s => double.IsFinite(s.Values[k])).ToArray();
                if (points.Length == 0) continue;
                var scatter = plot.Add.ScatterPoints(points.Select(s => s.Position).ToArray(), points.Select(s => s.Values[k]).ToArray());
                scatter.Color = palette.GetColor(g);
                scatter.MarkerSize = 5;
                scatter.LegendText = series.Group; // every panel gets the same legend so that their axes line up
            }
            if (ReferenceLines.TryGetValue(profile.Indices[k], out var y))
            {
                var line = plot.Add.HorizontalLine(y);
                line.LinePattern = LinePattern.Dashed;
                line.Color = Colors.Gray;
            }
            plot.YLabel(IndexLabels.Of(profile.Indices[k]));
            if (k == panels - 1) plot.XLabel(profile.PositionLabel);
            if (k == 0 && !string.IsNullOrWhiteSpace(title)) plot.Title(title);
            if (profile.Series.Count > 1) plot.ShowLegend(Edge.Right);
            float top = (float)height * k / panels;
            Analysis.ChartFiles.DrawPanel(canvas, plot, new SKRect(0, top, width, top + (float)height / panels));
        }
    }
}
