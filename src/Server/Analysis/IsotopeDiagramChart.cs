using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Isotopes;
using ScottPlot;
using SkiaSharp;

namespace GisBridge.Server.Analysis;

/// <summary>The four isotope diagrams in a 2 x 2 figure: 207Pb/204Pb and 208Pb/204Pb against 206Pb/204Pb with the
/// NHRL (Hart 1984) and, on 207/204, the 4.55 Ga geochron; 143Nd/144Nd against 87Sr/86Sr; 87Sr/86Sr against
/// 206Pb/204Pb. Points are coloured by one category per value of the colour field; the mantle end-members
/// (MantleEndMembers, with their citations in the mixing report) are drawn as labelled black squares.</summary>
public static class IsotopeDiagramChart
{
    private const string Pb206 = "pb206_pb204", Pb207 = "pb207_pb204", Pb208 = "pb208_pb204", Sr = "sr87_sr86", Nd = "nd143_nd144";

    private static readonly (string X, string Y, string XLabel, string YLabel)[] Panels =
    [
        (Pb206, Pb207, "²⁰⁶Pb/²⁰⁴Pb", "²⁰⁷Pb/²⁰⁴Pb"),
        (Pb206, Pb208, "²⁰⁶Pb/²⁰⁴Pb", "²⁰⁸Pb/²⁰⁴Pb"),
        (Sr, Nd, "⁸⁷Sr/⁸⁶Sr", "¹⁴³Nd/¹⁴⁴Nd"),
        (Pb206, Sr, "²⁰⁶Pb/²⁰⁴Pb", "⁸⁷Sr/⁸⁶Sr"),
    ];

    public static IEnumerable<string> Fields => [Pb206, Pb207, Pb208, Sr, Nd];

    public static void Draw(SKCanvas canvas, SampleTable table, string?[]? colours, IReadOnlyList<MantleEndMember> endMembers,
        int width, int height, string? title)
    {
        var palette = new ScottPlot.Palettes.Category20();
        var keys = colours is null ? [null] : colours.Where(c => c is not null).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToArray();
        for (int k = 0; k < Panels.Length; k++)
        {
            var (xf, yf, xl, yl) = Panels[k];
            var plot = new Plot();
            var x = table.HasNumeric(xf) ? table.Numeric(xf) : null;
            var y = table.HasNumeric(yf) ? table.Numeric(yf) : null;
            double minX = double.PositiveInfinity, maxX = double.NegativeInfinity, minY = double.PositiveInfinity, maxY = double.NegativeInfinity;
            for (int g = 0; g < keys.Length && x is not null && y is not null; g++)
            {
                var idx = Enumerable.Range(0, table.RowCount)
                    .Where(r => double.IsFinite(x[r]) && double.IsFinite(y[r]) && (colours is null || colours[r] == keys[g])).ToArray();
                if (idx.Length == 0) continue;
                var points = plot.Add.ScatterPoints(idx.Select(r => x[r]).ToArray(), idx.Select(r => y[r]).ToArray());
                points.Color = palette.GetColor(g).WithAlpha(0.7);
                points.MarkerSize = 4;
                if (keys[g] is not null && k == 1) points.LegendText = keys[g]!;
                minX = Math.Min(minX, idx.Min(r => x[r]));
                maxX = Math.Max(maxX, idx.Max(r => x[r]));
                minY = Math.Min(minY, idx.Min(r => y[r]));
                maxY = Math.Max(maxY, idx.Max(r => y[r]));
            }
            if (double.IsFinite(minX) && endMembers.Count > 0)
            {
                EndMembers(plot, endMembers, xf, yf, k == 1);
                minX = Math.Min(minX, endMembers.Min(e => Ratio(e, xf)));
                maxX = Math.Max(maxX, endMembers.Max(e => Ratio(e, xf)));
                minY = Math.Min(minY, endMembers.Min(e => Ratio(e, yf)));
                maxY = Math.Max(maxY, endMembers.Max(e => Ratio(e, yf)));
            }
            if (xf == Pb206 && yf != Sr && double.IsFinite(minX))
            {
                Line(plot, minX, maxX, yf == Pb207 ? PbReferenceLines.Nhrl207 : PbReferenceLines.Nhrl208, "NHRL (Hart 1984)", LinePattern.Dashed);
                if (yf == Pb207)
                {
                    // The geochron is steep: drawn only where it crosses the points' 207Pb/204Pb range, so that it
                    // does not stretch the y axis far beyond the data.
                    double slope = PbReferenceLines.GeochronSlope(4.55e9), at = PbReferenceLines.Geochron207(0);
                    double x0 = Math.Max(minX, (minY - at) / slope), x1 = Math.Min(maxX, (maxY - at) / slope);
                    if (x1 > x0) Line(plot, x0, x1, v => PbReferenceLines.Geochron207(v), "4.55 Ga geochron", LinePattern.Dotted);
                }
                plot.ShowLegend(k == 1 && colours is not null ? Edge.Right : Edge.Bottom);
            }
            plot.Axes.Margins(0.05, 0.22, 0.05, 0.08); // room for the end-member labels right of their squares
            plot.XLabel(xl);
            plot.YLabel(yl);
            if (k == 0 && !string.IsNullOrWhiteSpace(title)) plot.Title(title);
            float w = width / 2f, h = height / 2f;
            ChartFiles.DrawPanel(canvas, plot, new SKRect(k % 2 * w, k / 2 * h, (k % 2 + 1) * w, (k / 2 + 1) * h));
        }
    }

    private static double Ratio(MantleEndMember e, string field) => e.Ratios[Array.IndexOf(MantleEndMembers.Ratios, field)].Value;

    private static void EndMembers(Plot plot, IReadOnlyList<MantleEndMember> endMembers, string xf, string yf, bool legend)
    {
        var members = endMembers.Where(e => double.IsFinite(Ratio(e, xf)) && double.IsFinite(Ratio(e, yf))).ToArray();
        if (members.Length == 0) return;
        var points = plot.Add.ScatterPoints(members.Select(e => Ratio(e, xf)).ToArray(), members.Select(e => Ratio(e, yf)).ToArray());
        points.Color = Colors.Black;
        points.MarkerShape = MarkerShape.FilledSquare;
        points.MarkerSize = 9;
        if (legend) points.LegendText = "mantle end-members";
        foreach (var e in members)
        {
            var label = plot.Add.Text(e.Name, Ratio(e, xf), Ratio(e, yf));
            label.LabelFontSize = 13;
            label.LabelBold = true;
            label.LabelOffsetX = 7;
            label.LabelOffsetY = -7;
        }
    }

    private static void Line(Plot plot, double x0, double x1, Func<double, double> f, string label, LinePattern pattern)
    {
        var line = plot.Add.Line(x0, f(x0), x1, f(x1));
        line.LegendText = label;
        line.LinePattern = pattern;
        line.Color = Colors.Black;
    }
}
