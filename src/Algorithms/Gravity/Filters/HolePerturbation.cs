namespace GisBridge.Algorithms.Gravity;

/// <summary>
/// The fill perturbations of <see cref="FillDependence"/>: zero on valid cells; on each hole (4-connected NaN cells)
/// sigma, sigma (x - xc) / hx and sigma (y - yc) / hy (a level and two tilts across the hole's bounding box, centre
/// xc, yc, half-sizes hx, hy), sigma being the standard deviation of the valid cells in the hole's bounding box grown
/// on every side by its larger side. A fill error is mostly such a level and tilt; a filter whose kernel changes
/// sign (a directional or sharp band-pass) can cancel one of them at a cell but not all three.
/// Cost: one pass to label the holes plus the grown boxes' areas (a few times each hole's own area).
/// </summary>
internal static class HolePerturbation
{
    /// <summary>The three perturbations, or null when the grid has no hole.</summary>
    public static float[][]? Create(float[] values, int width, int height)
    {
        var label = new int[values.Length]; // 0 = not yet visited or valid; k + 1 = hole k
        var stack = new Stack<int>();
        float[][] perturbation = [new float[values.Length], new float[values.Length], new float[values.Length]];
        var members = new List<int>();
        int holes = 0;
        for (int start = 0; start < values.Length; start++)
        {
            if (!float.IsNaN(values[start]) || label[start] != 0) continue;
            holes++;
            members.Clear();
            int r0 = int.MaxValue, r1 = -1, c0 = int.MaxValue, c1 = -1;
            label[start] = holes;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int i = stack.Pop(), r = i / width, c = i % width;
                members.Add(i);
                r0 = Math.Min(r0, r); r1 = Math.Max(r1, r); c0 = Math.Min(c0, c); c1 = Math.Max(c1, c);
                if (c > 0) Visit(i - 1);
                if (c < width - 1) Visit(i + 1);
                if (r > 0) Visit(i - width);
                if (r < height - 1) Visit(i + width);
            }
            int grow = Math.Max(r1 - r0, c1 - c0) + 1;
            float spread = (float)Spread(values, width, Math.Max(0, r0 - grow), Math.Min(height - 1, r1 + grow),
                Math.Max(0, c0 - grow), Math.Min(width - 1, c1 + grow));
            double xc = 0.5 * (c0 + c1), yc = 0.5 * (r0 + r1), hx = Math.Max(0.5, 0.5 * (c1 - c0)), hy = Math.Max(0.5, 0.5 * (r1 - r0));
            foreach (int i in members)
            {
                perturbation[0][i] = spread;
                perturbation[1][i] = (float)(spread * (i % width - xc) / hx);
                perturbation[2][i] = (float)(spread * (i / width - yc) / hy);
            }
        }
        return holes == 0 ? null : perturbation;

        void Visit(int j)
        {
            if (!float.IsNaN(values[j]) || label[j] != 0) return;
            label[j] = holes;
            stack.Push(j);
        }
    }

    private static double Spread(float[] values, int width, int r0, int r1, int c0, int c1)
    {
        double s = 0, s2 = 0; long n = 0;
        for (int r = r0; r <= r1; r++)
            for (int c = c0; c <= c1; c++)
            {
                float v = values[r * width + c];
                if (float.IsNaN(v)) continue;
                s += v; s2 += (double)v * v; n++;
            }
        if (n == 0) return 0;
        double mean = s / n;
        return Math.Sqrt(Math.Max(0, s2 / n - mean * mean));
    }
}
