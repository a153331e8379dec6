using System.Globalization;
using GisBridge.Algorithms.Gravity.Spectrum;
using GisBridge.Server.Analysis;
using ScottPlot;
using SkiaSharp;

namespace GisBridge.Server.Spectrum;

/// <summary>ln(mean power) against radial wavenumber with each fitted line and its depth, and the suggested
/// separation's break marked.</summary>
public static class RadialSpectrumChart
{
    public static void Draw(SKCanvas canvas, RadialSpectrumResult r, int width, int height, string? title)
    {
        var plot = new Plot();
        var bins = r.Bins.Where(b => b.MeanPower > 0).ToArray();
        var points = plot.Add.ScatterPoints(bins.Select(b => b.RadPerKm).ToArray(), bins.Select(b => b.LnPower).ToArray());
        points.MarkerSize = 4;
        points.Color = Colors.Gray;
        points.LegendText = "ln P (radial mean)";
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < r.Segments.Count; i++)
        {
            var s = r.Segments[i];
            var line = plot.Add.Line(s.MinRadPerKm, s.Intercept + s.Slope * s.MinRadPerKm, s.MaxRadPerKm, s.Intercept + s.Slope * s.MaxRadPerKm);
            line.LineWidth = 3;
            line.Color = palette.GetColor(i);
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"depth {s.DepthKm:0.##} km ({s.MinRadPerKm:0.###}-{s.MaxRadPerKm:0.###} rad/km)");
        }
        if (r.Separation is { } split && double.IsFinite(split.BreakRadPerKm))
        {
            var v = plot.Add.VerticalLine(split.BreakRadPerKm);
            v.Color = Colors.Black.WithAlpha(0.5);
            v.LinePattern = LinePattern.Dashed;
            v.LegendText = string.Create(CultureInfo.InvariantCulture,
                $"break {2 * Math.PI / split.BreakRadPerKm:0.#} km wavelength; continue up {split.HeightMetres:0} m");
        }
        plot.XLabel("Radial wavenumber k (rad/km)");
        plot.YLabel("ln P (mean power)");
        plot.Title(string.IsNullOrWhiteSpace(title) ? "Radially averaged power spectrum (Spector & Grant depths: z = -slope / 2)" : title);
        plot.ShowLegend(Alignment.UpperRight);
        ChartFiles.DrawPanel(canvas, plot, new SKRect(0, 0, width, height));
    }
}
