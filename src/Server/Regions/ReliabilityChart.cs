using GisBridge.Algorithms.Regions;
using ScottPlot;
using SkiaSharp;

namespace GisBridge.Server.Regions;

/// <summary>Reliability diagram of out-of-fold probabilities: observed frequency against mean predicted
/// probability per bin, one series per curve (e.g. raw and calibrated), the diagonal as perfect calibration;
/// PNG and SVG through ScottPlot.</summary>
public static class ReliabilityChart
{
    public const int Width = 640, Height = 560;

    public static void Draw(SKCanvas canvas, IReadOnlyList<(string Name, Reliability Curve)> curves, string title)
    {
        var plot = new Plot();
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.Color = Colors.Gray;
        diagonal.LegendText = "perfect calibration";
        var palette = new ScottPlot.Palettes.Category10();
        for (int k = 0; k < curves.Count; k++)
        {
            var (name, curve) = curves[k];
            if (curve.Bins.Count == 0) continue;
            var line = plot.Add.Scatter(curve.Bins.Select(b => b.MeanPredicted).ToArray(), curve.Bins.Select(b => b.ObservedFrequency).ToArray());
            line.Color = palette.GetColor(k);
            line.MarkerSize = 7;
            line.LegendText = $"{name} (ECE {curve.ExpectedCalibrationError:F3})";
        }
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.XLabel("mean predicted probability");
        plot.YLabel("observed frequency");
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperLeft);
        Analysis.ChartFiles.DrawPanel(canvas, plot, new SKRect(0, 0, Width, Height));
    }
}
