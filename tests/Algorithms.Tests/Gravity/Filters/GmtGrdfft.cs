using System.Globalization;
using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Tests.Gravity;

/// <summary>GMT 6.4 `grdfft` on a projected grid (metres): the grid goes to GMT as pixel-registered netCDF
/// (`xyz2grd`, binary x y z), `grdfft` runs with the given options, and the result comes back by coordinates into
/// the grid's own cell order.</summary>
internal static class GmtGrdfft
{
    public static float[] Run(RasterGrid g, params string[] options)
    {
        string dir = Directory.CreateTempSubdirectory("gisbridge-grdfft-").FullName;
        try
        {
            var t = g.Transform;
            using (var w = new BinaryWriter(File.Create(Path.Combine(dir, "in.xyz"))))
                for (int r = 0; r < g.Height; r++)
                    for (int c = 0; c < g.Width; c++)
                    {
                        w.Write(t.CenterX(c)); w.Write(t.CenterY(r)); w.Write((double)g.Bands[0][r * g.Width + c]);
                    }
            double dx = Math.Abs(t.PixelWidth), dy = Math.Abs(t.PixelHeight);
            double west = t.OriginX, south = Math.Min(t.OriginY, t.OriginY + g.Height * t.PixelHeight);
            string region = FormattableString.Invariant($"-R{west:R}/{west + g.Width * dx:R}/{south:R}/{south + g.Height * dy:R}");
            GmtRunner.Run(dir, "xyz2grd", "in.xyz", region, FormattableString.Invariant($"-I{dx:R}/{dy:R}"), "-r", "-bi3d", "-Gin.nc");
            GmtRunner.Run(dir, ["grdfft", "in.nc", .. options, "-Gout.nc"]);
            var result = new float[g.Width * g.Height];
            Array.Fill(result, float.NaN);
            foreach (var line in GmtRunner.Run(dir, "grd2xyz", "out.nc").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var f = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                double x = double.Parse(f[0], CultureInfo.InvariantCulture), y = double.Parse(f[1], CultureInfo.InvariantCulture);
                int c = (int)Math.Round((x - t.OriginX) / t.PixelWidth - 0.5), r = (int)Math.Round((y - t.OriginY) / t.PixelHeight - 0.5);
                if (c >= 0 && c < g.Width && r >= 0 && r < g.Height)
                    result[r * g.Width + c] = f[2] == "NaN" ? float.NaN : float.Parse(f[2], CultureInfo.InvariantCulture);
            }
            return result;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
