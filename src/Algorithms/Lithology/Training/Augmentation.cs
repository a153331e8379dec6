namespace GisBridge.Algorithms.Lithology.Training;

/// <summary>
/// Augmentation ranges of the paper (5.1.1). Geometric: random crop, horizontal/vertical flips, rotation in
/// [0, MaxRotationDegrees], translation up to MaxTranslationFraction of the crop. Photometric, on normalised bands:
/// Gaussian noise of 1-10 % of the channel's standard deviation (1 after normalisation), contrast 0.5-1.5 (deviations
/// from the crop's mean scaled), brightness 0.8-1.2 (an amplitude gain on the whole field).
/// </summary>
public sealed record AugmentationOptions
{
    public bool Flip { get; init; } = true;
    public double MaxRotationDegrees { get; init; } = 180;
    public double MaxTranslationFraction { get; init; } = 0.1;
    public double NoiseMin { get; init; } = 0.01;
    public double NoiseMax { get; init; } = 0.10;
    public double ContrastMin { get; init; } = 0.5;
    public double ContrastMax { get; init; } = 1.5;
    public double BrightnessMin { get; init; } = 0.8;
    public double BrightnessMax { get; init; } = 1.2;
}

/// <summary>Draws training crops: one resampling pass for crop + flips + rotation + translation, then photometric changes.</summary>
public static class Augmentation
{
    /// <summary>
    /// A crop x crop sample of a tile whose bands are already normalised. Labels are resampled by nearest
    /// neighbour, bands bilinearly; cells falling outside the tile get label 255 and value 0.
    /// With <paramref name="options"/> null the crop is taken from the tile centre, unchanged.
    /// </summary>
    public static (float[][] Bands, byte[] Labels) Sample(IReadOnlyList<float[]> bands, byte[] labels, int width, int height,
        int crop, AugmentationOptions? options, Random rng)
    {
        if (crop < 1) throw new ArgumentException($"crop size must be positive, got {crop}", nameof(crop));
        var o = options;
        double cx = width / 2.0, cy = height / 2.0;
        double angle = 0, tx = 0, ty = 0;
        bool flipX = false, flipY = false;
        if (o is not null)
        {
            if (width > crop) cx = crop / 2.0 + rng.NextDouble() * (width - crop);
            if (height > crop) cy = crop / 2.0 + rng.NextDouble() * (height - crop);
            angle = rng.NextDouble() * o.MaxRotationDegrees * Math.PI / 180;
            tx = (rng.NextDouble() * 2 - 1) * o.MaxTranslationFraction * crop;
            ty = (rng.NextDouble() * 2 - 1) * o.MaxTranslationFraction * crop;
            flipX = o.Flip && rng.Next(2) == 1;
            flipY = o.Flip && rng.Next(2) == 1;
        }
        double cos = Math.Cos(angle), sin = Math.Sin(angle);
        int n = crop * crop;
        var outBands = bands.Select(_ => new float[n]).ToArray();
        var outLabels = new byte[n];
        var inside = new bool[n];
        for (int v = 0; v < crop; v++)
        {
            for (int u = 0; u < crop; u++)
            {
                double du = u + 0.5 - crop / 2.0, dv = v + 0.5 - crop / 2.0;
                if (flipX) du = -du;
                if (flipY) dv = -dv;
                // Source position (pixel-centre coordinates, so x - 0.5 is the column index).
                double sx = cx + cos * du - sin * dv + tx - 0.5;
                double sy = cy + sin * du + cos * dv + ty - 0.5;
                int i = v * crop + u;
                int nx = (int)Math.Round(sx), ny = (int)Math.Round(sy);
                inside[i] = nx >= 0 && ny >= 0 && nx < width && ny < height;
                outLabels[i] = inside[i] ? labels[ny * width + nx] : (byte)255;
                for (int b = 0; b < bands.Count; b++) outBands[b][i] = Bilinear(bands[b], width, height, sx, sy);
            }
        }
        if (o is not null) Photometric(outBands, inside, o, rng);
        return (outBands, outLabels);
    }

    private static float Bilinear(float[] band, int width, int height, double x, double y)
    {
        int x0 = (int)Math.Floor(x), y0 = (int)Math.Floor(y);
        double fx = x - x0, fy = y - y0;
        double sum = 0;
        for (int j = 0; j < 2; j++)
            for (int i = 0; i < 2; i++)
            {
                int xi = x0 + i, yj = y0 + j;
                if (xi < 0 || yj < 0 || xi >= width || yj >= height) continue;
                double w = (i == 0 ? 1 - fx : fx) * (j == 0 ? 1 - fy : fy);
                if (w != 0) sum += w * band[yj * width + xi];
            }
        return (float)sum;
    }

    private static void Photometric(float[][] bands, bool[] inside, AugmentationOptions o, Random rng)
    {
        foreach (var band in bands)
        {
            double contrast = Uniform(rng, o.ContrastMin, o.ContrastMax);
            double gain = Uniform(rng, o.BrightnessMin, o.BrightnessMax);
            double sigma = Uniform(rng, o.NoiseMin, o.NoiseMax);
            double mean = 0;
            int count = 0;
            for (int i = 0; i < band.Length; i++)
                if (inside[i]) { mean += band[i]; count++; }
            mean = count > 0 ? mean / count : 0;
            for (int i = 0; i < band.Length; i++)
            {
                if (!inside[i]) continue; // outside the tile: stays at the normalised mean (0)
                double v = ((band[i] - mean) * contrast + mean) * gain + sigma * Gaussian(rng);
                band[i] = (float)v;
            }
        }
    }

    private static double Uniform(Random rng, double lo, double hi) => lo + rng.NextDouble() * (hi - lo);

    private static double Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
