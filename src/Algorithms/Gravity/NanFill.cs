namespace GisBridge.Algorithms.Gravity;

/// <summary>
/// Fills NaN (nodata) cells for the transform only: the filters need a complete grid, and the outputs are masked
/// again afterwards.
/// <para>
/// Method: multigrid-initialised harmonic fill. A pyramid of 2x2 block means (ignoring NaN) is built until a level
/// has no hole; going back down, each level's NaN cells start from the coarser level's value and are relaxed
/// towards the Laplace equation (each filled cell = mean of its 4 neighbours; successive over-relaxation; missing
/// neighbours outside the grid are ignored, i.e. zero normal gradient at the edges). The result is smooth, has no
/// new extrema and joins the data without a step, which is what a low-pass filter wants; a full Laplace solve
/// would only change the filled cells further. Cost: O(cells + holes x iterations).
/// </para>
/// </summary>
internal static class NanFill
{
    private const int IterationsPerLevel = 40;
    private const int BaseIterations = 400;
    private const double Overrelaxation = 1.6;

    /// <summary>Fills the NaN cells of the width x height block at <paramref name="offset"/> with row stride
    /// <paramref name="stride"/>. Returns the number of cells filled. The block must hold at least one valid cell.</summary>
    public static int Fill(Span<float> buffer, int offset, int stride, int width, int height)
    {
        var holes = new List<int>();
        for (int r = 0; r < height; r++)
        {
            var row = buffer.Slice(offset + r * stride, width);
            for (int c = 0; c < width; c++)
                if (float.IsNaN(row[c])) holes.Add(r * width + c);
        }
        if (holes.Count == 0) return 0;
        if (holes.Count == width * height)
            throw new ArgumentException("cannot fill a grid that has no valid cell");

        int iterations;
        if (width <= 2 || height <= 2)
        {
            float mean = MeanOfValid(buffer, offset, stride, width, height);
            foreach (int h in holes) buffer[offset + h / width * stride + h % width] = mean;
            iterations = BaseIterations;
        }
        else
        {
            int cw = (width + 1) / 2, ch = (height + 1) / 2;
            var coarse = BlockMeans(buffer, offset, stride, width, height, cw, ch);
            Fill(coarse, 0, cw, cw, ch);
            foreach (int h in holes)
            {
                int r = h / width, c = h % width;
                buffer[offset + r * stride + c] = coarse[r / 2 * cw + c / 2];
            }
            iterations = IterationsPerLevel;
        }
        Relax(buffer, offset, stride, width, height, holes, iterations);
        return holes.Count;
    }

    private static float[] BlockMeans(Span<float> buffer, int offset, int stride, int width, int height, int cw, int ch)
    {
        var sum = new double[cw * ch];
        var count = new int[cw * ch];
        for (int r = 0; r < height; r++)
        {
            var row = buffer.Slice(offset + r * stride, width);
            int cr = r / 2 * cw;
            for (int c = 0; c < width; c++)
            {
                float v = row[c];
                if (float.IsNaN(v)) continue;
                sum[cr + c / 2] += v;
                count[cr + c / 2]++;
            }
        }
        var coarse = new float[cw * ch];
        for (int i = 0; i < coarse.Length; i++) coarse[i] = count[i] > 0 ? (float)(sum[i] / count[i]) : float.NaN;
        return coarse;
    }

    private static void Relax(Span<float> b, int offset, int stride, int width, int height, List<int> holes, int iterations)
    {
        for (int it = 0; it < iterations; it++)
        {
            foreach (int h in holes)
            {
                int r = h / width, c = h % width, i = offset + r * stride + c;
                double s = 0;
                int n = 0;
                if (c > 0) { s += b[i - 1]; n++; }
                if (c < width - 1) { s += b[i + 1]; n++; }
                if (r > 0) { s += b[i - stride]; n++; }
                if (r < height - 1) { s += b[i + stride]; n++; }
                if (n == 0) continue;
                b[i] = (float)(b[i] + Overrelaxation * (s / n - b[i]));
            }
        }
    }

    private static float MeanOfValid(Span<float> buffer, int offset, int stride, int width, int height)
    {
        double s = 0;
        long n = 0;
        for (int r = 0; r < height; r++)
            foreach (float v in buffer.Slice(offset + r * stride, width))
                if (!float.IsNaN(v)) { s += v; n++; }
        return (float)(s / n);
    }
}
