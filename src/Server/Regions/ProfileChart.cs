using GisBridge.Algorithms.Regions;
using ScottPlot;
using SkiaSharp;

namespace GisBridge.Server.Regions;

/// <summary>Along-ridge profile charts (as figure 3 of the proposal), PNG and SVG through ScottPlot. Along a known
/// ridge axis: one column of panels per ridge, one row per index, x = distance from the ridge's named start; other
/// orders: one panel per index with one colour per group. Threshold lines and change points are marked.</summary>
public static class ProfileChart
{
    /// <summary>Reference lines drawn on known indices: the Dupal threshold Δ8/4 = 40 and the NHRL itself (Δ = 0),
    /// both Hart (1984).</summary>
    private static readonly Dictionary<string, (double Y, string Label)[]> ReferenceLines = new(StringComparer.Ordinal)
    {
        ["delta_8_4"] = [(40, "Dupal Δ8/4 = 40"), (0, "NHRL")],
        ["delta_7_4"] = [(0, "NHRL")],
    };

    public static void SavePng(RidgeProfile profile, string path, int width, int height, string? title,
        IReadOnlyDictionary<(string Group, string Index), IReadOnlyList<ChangePoint>>? changes = null) =>
        Analysis.ChartFiles.SavePng(path, width, height, c => Draw(profile, changes, c, width, height, title));

    public static void SaveSvg(RidgeProfile profile, string path, int width, int height, string? title,
        IReadOnlyDictionary<(string Group, string Index), IReadOnlyList<ChangePoint>>? changes = null) =>
        Analysis.ChartFiles.SaveSvg(path, width, height, c => Draw(profile, changes, c, width, height, title));

    private static void Draw(RidgeProfile profile, IReadOnlyDictionary<(string, string), IReadOnlyList<ChangePoint>>? changes,
        SKCanvas canvas, int width, int height, string? title)
    {
        bool perRidge = profile.OrderBy == RidgeOrder.Axis;
        int rows = profile.Indices.Count, columns = perRidge ? profile.Series.Count : 1;
        var palette = new ScottPlot.Palettes.Category20();
        // Each row shares its y range across the ridges so that the panels compare at a glance.
        var ranges = Enumerable.Range(0, rows).Select(k => YRange(profile, k)).ToArray();
        for (int k = 0; k < rows; k++)
            for (int c = 0; c < columns; c++)
            {
                var plot = new Plot();
                var shown = perRidge ? [profile.Series[c]] : profile.Series;
                foreach (var series in shown)
                {
                    int g = IndexOf(profile.Series, series);
                    var points = series.Samples.Where(s => double.IsFinite(s.Values[k])).ToArray();
                    if (points.Length == 0) continue;
                    var scatter = plot.Add.ScatterPoints(points.Select(s => s.Position).ToArray(), points.Select(s => s.Values[k]).ToArray());
                    scatter.Color = palette.GetColor(g);
                    scatter.MarkerSize = 5;
                    if (!perRidge) scatter.LegendText = series.Group; // every panel gets the same legend so that their axes line up
                    if (changes is not null && changes.TryGetValue((series.Group, profile.Indices[k]), out var found))
                        MarkChanges(plot, found, palette.GetColor(g));
                }
                if (ReferenceLines.TryGetValue(profile.Indices[k], out var lines))
                {
                    double left = shown.SelectMany(x => x.Samples).Select(x => x.Position).DefaultIfEmpty(0).Min();
                    foreach (var (y, label) in lines)
                    {
                        var line = plot.Add.HorizontalLine(y);
                        line.LinePattern = y == 0 ? LinePattern.Dotted : LinePattern.Dashed;
                        line.Color = Colors.Gray;
                        line.LineWidth = 1.5f;
                        // Named at the left end, just above the line, so that the labels of close lines do not collide.
                        var text = plot.Add.Text(label, left, y);
                        text.LabelFontSize = 11;
                        text.LabelFontColor = Colors.DimGray;
                        text.LabelAlignment = Alignment.LowerLeft;
                    }
                }
                if (c == 0) plot.YLabel(IndexLabels.Of(profile.Indices[k]));
                if (k == rows - 1) plot.XLabel(perRidge ? profile.Series[c].PositionLabel ?? profile.PositionLabel : profile.PositionLabel);
                if (perRidge && k == 0) plot.Title(profile.Series[c].Group + (c == 0 && !string.IsNullOrWhiteSpace(title) ? ": " + title : ""));
                else if (!perRidge && k == 0 && !string.IsNullOrWhiteSpace(title)) plot.Title(title);
                if (!perRidge && profile.Series.Count > 1) plot.ShowLegend(Edge.Right);
                if (perRidge && ranges[k] is var (lo, hi) && hi > lo) plot.Axes.SetLimitsY(lo, hi);
                float w = (float)width / columns, h = (float)height / rows;
                Analysis.ChartFiles.DrawPanel(canvas, plot, new SKRect(c * w, k * h, (c + 1) * w, (k + 1) * h));
            }
    }

    private static int IndexOf(IReadOnlyList<ProfileSeries> all, ProfileSeries s)
    {
        for (int i = 0; i < all.Count; i++) if (ReferenceEquals(all[i], s)) return i;
        return 0;
    }

    /// <summary>A change point as a dashed vertical line at its position with its bootstrap interval shaded.</summary>
    private static void MarkChanges(Plot plot, IReadOnlyList<ChangePoint> changes, Color colour)
    {
        foreach (var cp in changes)
        {
            var span = plot.Add.HorizontalSpan(cp.Lower, cp.Upper);
            span.FillStyle.Color = colour.WithAlpha(0.15);
            span.LineStyle.Width = 0;
            var line = plot.Add.VerticalLine(cp.Position);
            line.Color = Colors.Black;
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 1.2f; // positions and p-values are in the report, not on the chart
        }
    }

    /// <summary>Min and max (with 5 % margin, and the reference lines inside) of index k over every series.</summary>
    private static (double, double)? YRange(RidgeProfile profile, int k)
    {
        var values = profile.Series.SelectMany(s => s.Samples).Select(s => s.Values[k]).Where(double.IsFinite).ToList();
        if (values.Count == 0) return null;
        if (ReferenceLines.TryGetValue(profile.Indices[k], out var lines)) values.AddRange(lines.Select(l => l.Y));
        double lo = values.Min(), hi = values.Max(), margin = 0.05 * Math.Max(hi - lo, 1e-9);
        return (lo - margin, hi + margin);
    }
}
