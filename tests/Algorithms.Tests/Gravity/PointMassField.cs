using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Tests.Gravity;

/// <summary>A buried point mass (a uniform sphere outside itself): position in metres, depth below z = 0.</summary>
public readonly record struct PointMass(double X, double Y, double Depth, double Strength);

/// <summary>Closed-form fields of buried point masses, and grid helpers for the analytic tests.</summary>
public static class PointMassField
{
    /// <summary>g_z (positive down, arbitrary units Strength/m^2) at height z above the surface:
    /// S (d + z) / (r^2 + (d + z)^2)^(3/2).</summary>
    public static double Gz(IEnumerable<PointMass> sources, double x, double y, double z)
    {
        double g = 0;
        foreach (var s in sources)
        {
            double dz = s.Depth + z, r2 = (x - s.X) * (x - s.X) + (y - s.Y) * (y - s.Y);
            g += s.Strength * dz / Math.Pow(r2 + dz * dz, 1.5);
        }
        return g;
    }

    /// <summary>d g_z / dz positive downward (towards the sources) at height z: S (2 dz^2 - r^2) / (r^2 + dz^2)^(5/2).</summary>
    public static double VerticalDerivative(IEnumerable<PointMass> sources, double x, double y, double z)
    {
        double g = 0;
        foreach (var s in sources)
        {
            double dz = s.Depth + z, r2 = (x - s.X) * (x - s.X) + (y - s.Y) * (y - s.Y);
            g += s.Strength * (2 * dz * dz - r2) / Math.Pow(r2 + dz * dz, 2.5);
        }
        return g;
    }

    /// <summary>|grad_h g_z| = S 3 dz r / (r^2 + dz^2)^(5/2) summed as a vector.</summary>
    public static double HorizontalGradient(IEnumerable<PointMass> sources, double x, double y, double z)
    {
        double gx = 0, gy = 0;
        foreach (var s in sources)
        {
            double dz = s.Depth + z, r2 = (x - s.X) * (x - s.X) + (y - s.Y) * (y - s.Y);
            double f = -3 * s.Strength * dz / Math.Pow(r2 + dz * dz, 2.5);
            gx += f * (x - s.X);
            gy += f * (y - s.Y);
        }
        return Math.Sqrt(gx * gx + gy * gy);
    }

    /// <summary>A projected grid (metres) sampling <paramref name="field"/> at cell centres.</summary>
    public static RasterGrid Grid(int width, int height, double dx, double dy, double originX, double originY,
        Func<double, double, double> field, bool northUp = true)
    {
        var gt = northUp
            ? new GeoTransform(originX, dx, 0, originY + height * dy, 0, -dy)
            : new GeoTransform(originX, dx, 0, originY, 0, dy);
        var v = new float[width * height];
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++)
                v[r * width + c] = (float)field(gt.CenterX(c), gt.CenterY(r));
        return new RasterGrid(width, height, gt, [v]) { CrsKind = CrsKind.Projected };
    }

    /// <summary>RMS of (actual - expected) over RMS of expected, on the interior left after trimming
    /// <paramref name="margin"/> of the width and height on each side; NaN cells are skipped.</summary>
    public static double InteriorRelativeRms(float[] actual, Func<int, int, double> expected, int width, int height,
        double margin = 0.10)
    {
        int mx = (int)Math.Round(margin * width), my = (int)Math.Round(margin * height);
        double se = 0, st = 0;
        for (int r = my; r < height - my; r++)
            for (int c = mx; c < width - mx; c++)
            {
                float a = actual[r * width + c];
                if (float.IsNaN(a)) continue;
                double e = expected(c, r);
                se += (a - e) * (a - e);
                st += e * e;
            }
        return Math.Sqrt(se / st);
    }
}
