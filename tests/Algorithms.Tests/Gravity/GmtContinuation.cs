using System.Globalization;
using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Tests.Gravity;

/// <summary>GMT 6.4's continuation of an <see cref="EdgeCase"/>: the grid goes to GMT as pixel-registered netCDF
/// (`xyz2grd`, binary x y z), NaN holes are filled by `grdfill -An` (grdfft refuses NaN), `grdfft -C<h> -N+l` (with
/// `-fg` on lon/lat grids), and the result comes back by coordinates into the case's own cell order.</summary>
internal static class GmtContinuation
{
    public static float[] Run(EdgeCase edgeCase, string dir)
    {
        var g = edgeCase.Input;
        bool geographic = g.CrsKind == CrsKind.Geographic;
        WriteGrid(g, dir);
        string input = "in.nc";
        if (g.Bands[0].Any(float.IsNaN)) { GmtRunner.Run(dir, "grdfill", "in.nc", "-An", "-Gfilled.nc"); input = "filled.nc"; }
        var grdfft = new List<string> { "grdfft", input, FormattableString.Invariant($"-C{edgeCase.Height:R}"), "-N+l", "-Gup.nc" };
        if (geographic) grdfft.Add("-fg");
        GmtRunner.Run(dir, [.. grdfft]);
        return Read(GmtRunner.Run(dir, "grd2xyz", "up.nc"), g);
    }

    /// <summary>Writes the grid's first band as in.nc (pixel registered; geographic with -fg) in <paramref name="dir"/>.</summary>
    public static void WriteGrid(RasterGrid g, string dir)
    {
        var t = g.Transform;
        bool geographic = g.CrsKind == CrsKind.Geographic;
        using (var w = new BinaryWriter(File.Create(Path.Combine(dir, "in.xyz"))))
            for (int r = 0; r < g.Height; r++)
                for (int c = 0; c < g.Width; c++)
                {
                    w.Write(t.CenterX(c)); w.Write(t.CenterY(r)); w.Write((double)g.Bands[0][r * g.Width + c]);
                }
        double dx = Math.Abs(t.PixelWidth), dy = Math.Abs(t.PixelHeight);
        double west = t.OriginX, east = west + g.Width * dx;
        double south = Math.Min(t.OriginY, t.OriginY + g.Height * t.PixelHeight), north = south + g.Height * dy;
        string region = FormattableString.Invariant($"-R{west:R}/{east:R}/{south:R}/{north:R}");
        string increment = geographic
            ? FormattableString.Invariant($"-I{dx * 3600:0.######}s/{dy * 3600:0.######}s")
            : FormattableString.Invariant($"-I{dx:R}/{dy:R}");
        var xyz2grd = new List<string> { "xyz2grd", "in.xyz", region, increment, "-r", "-bi3d", "-Gin.nc" };
        if (geographic) xyz2grd.Add("-fg");
        GmtRunner.Run(dir, [.. xyz2grd]);
    }

    private static float[] Read(string text, RasterGrid g)
    {
        var t = g.Transform;
        var result = new float[g.Width * g.Height];
        Array.Fill(result, float.NaN);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            double x = double.Parse(f[0], CultureInfo.InvariantCulture), y = double.Parse(f[1], CultureInfo.InvariantCulture);
            double z = f[2] == "NaN" ? double.NaN : double.Parse(f[2], CultureInfo.InvariantCulture);
            int c = (int)Math.Round((x - t.OriginX) / t.PixelWidth - 0.5), r = (int)Math.Round((y - t.OriginY) / t.PixelHeight - 0.5);
            if (c >= 0 && c < g.Width && r >= 0 && r < g.Height) result[r * g.Width + c] = (float)z;
        }
        return result;
    }

    /// <summary>Interior (10 % trimmed) RMS of (actual - truth) over the RMS of the truth's variation about its
    /// mean, on the cells valid in the input: a plane trend does not make the ratio small.</summary>
    public static double InteriorError(EdgeCase edgeCase, float[] actual)
    {
        var g = edgeCase.Input;
        int mx = (int)Math.Round(0.1 * g.Width), my = (int)Math.Round(0.1 * g.Height);
        double se = 0, st = 0, s = 0; long n = 0;
        for (int r = my; r < g.Height - my; r++)
            for (int c = mx; c < g.Width - mx; c++)
            {
                int i = r * g.Width + c;
                if (float.IsNaN(g.Bands[0][i])) continue;
                double e = edgeCase.Truth(c, r), d = actual[i] - e;
                se += d * d; s += e; st += e * e; n++;
            }
        double mean = s / n;
        return Math.Sqrt(se / n) / Math.Sqrt(st / n - mean * mean);
    }
}
