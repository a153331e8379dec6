using ScottPlot;
using SkiaSharp;

namespace GisBridge.Server.Analysis;

/// <summary>Charts of several ScottPlot panels drawn on one Skia canvas, saved as PNG and SVG.</summary>
public static class ChartFiles
{
    public static void SavePng(string path, int width, int height, Action<SKCanvas> draw)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height)) ?? throw new InvalidOperationException($"cannot make a {width}x{height} image");
        surface.Canvas.Clear(SKColors.White);
        draw(surface.Canvas);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    public static void SaveSvg(string path, int width, int height, Action<SKCanvas> draw)
    {
        using var file = File.Create(path);
        using var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), file);
        canvas.Clear(SKColors.White);
        draw(canvas);
    }

    /// <summary>Draws a chart into the job's work folder as ROLE.png and ROLE.svg, the outputs "ROLE_png" and "ROLE_svg".</summary>
    public static void AddOutputs(Jobs.JobContext ctx, Jobs.JobOutputs outputs, string role, int width, int height, Action<SKCanvas> draw)
    {
        var png = Path.Combine(ctx.WorkDir, role + ".png");
        var svg = Path.Combine(ctx.WorkDir, role + ".svg");
        SavePng(png, width, height, draw);
        SaveSvg(svg, width, height, draw);
        outputs.AddFile(role + "_png", png);
        outputs.AddFile(role + "_svg", svg);
    }

    /// <summary>Renders a plot into one rectangle of the canvas (clipped and translated: a plot clears its whole clip).</summary>
    public static void DrawPanel(SKCanvas canvas, Plot plot, SKRect area)
    {
        canvas.Save();
        canvas.ClipRect(area);
        canvas.Translate(area.Left, area.Top);
        plot.Render(canvas, new PixelRect(0, area.Width, area.Height, 0));
        canvas.Restore();
    }

    /// <summary>Checks a requested chart size; 0 takes the default.</summary>
    public static (int Width, int Height) Size(int width, int height, int defaultWidth, int defaultHeight)
    {
        int w = width > 0 ? width : defaultWidth, h = height > 0 ? height : defaultHeight;
        if (w > 10000 || h > 10000) throw new Jobs.JobInputException("width", $"chart of {w}x{h} pixels is too large (10000 max)");
        return (w, h);
    }

    /// <summary>Blue (-1) - white (0) - red (+1) for a correlation coefficient; grey for NaN.</summary>
    public static Color Diverging(double r)
    {
        if (!double.IsFinite(r)) return Colors.LightGray;
        double t = Math.Clamp(r, -1, 1);
        byte Lerp(byte a, byte b, double f) => (byte)Math.Round(a + (b - a) * f);
        return t >= 0
            ? new Color(Lerp(255, 178, t), Lerp(255, 24, t), Lerp(255, 43, t))
            : new Color(Lerp(255, 33, -t), Lerp(255, 102, -t), Lerp(255, 172, -t));
    }
}
