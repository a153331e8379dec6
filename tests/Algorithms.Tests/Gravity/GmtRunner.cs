using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace GisBridge.Algorithms.Tests.Gravity;

/// <summary>Runs GMT command-line modules for the comparison tests (GMT 6.4 on PATH).</summary>
internal static class GmtRunner
{
    public static bool IsAvailable()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, "gmt"))) return true;
        return false;
    }

    /// <summary>Runs `gmt args`, returns stdout; throws with stderr when it fails.</summary>
    public static string Run(string workDir, params string[] args)
    {
        var psi = new ProcessStartInfo("gmt") { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        // GMT keeps session files in GMT_TMPDIR / the user dir; a private one keeps parallel tests apart.
        psi.Environment["GMT_TMPDIR"] = workDir;
        psi.Environment["GMT_USERDIR"] = workDir;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"gmt {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>Reads `gmt grd2xyz` text (x y z per line, rows from the top) into a row-major array, row 0 at the
    /// top (largest y), with the x and y of the first cell and the spacing.</summary>
    public static (float[] Values, int Width, int Height, double X0, double Y0, double Dx, double Dy) ReadXyz(string text)
    {
        var xs = new List<double>(); var ys = new List<double>(); var zs = new List<float>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            xs.Add(double.Parse(f[0], CultureInfo.InvariantCulture));
            ys.Add(double.Parse(f[1], CultureInfo.InvariantCulture));
            zs.Add(f[2] == "NaN" ? float.NaN : float.Parse(f[2], CultureInfo.InvariantCulture));
        }
        int width = 1;
        while (width < ys.Count && ys[width] == ys[0]) width++;
        int height = zs.Count / width;
        return (zs.ToArray(), width, height, xs[0], ys[0], xs[1] - xs[0], ys[0] - ys[width]);
    }

    /// <summary>Writes x y z lines for `gmt xyz2grd`.</summary>
    public static void WriteXyz(string path, float[] values, int width, int height, Func<int, double> x, Func<int, double> y)
    {
        var sb = new StringBuilder();
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++)
                sb.Append(CultureInfo.InvariantCulture, $"{x(c):R} {y(r):R} {values[r * width + c]:R}\n");
        File.WriteAllText(path, sb.ToString());
    }
}
