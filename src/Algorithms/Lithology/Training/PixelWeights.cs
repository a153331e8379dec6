namespace GisBridge.Algorithms.Lithology.Training;

/// <summary>Class weights from label frequencies and per-pixel weights that emphasise small instances.</summary>
public static class PixelWeights
{
    /// <summary>
    /// Median-frequency balancing (Eigen and Fergus 2015): w_c = median(f) / f_c over the classes present, clipped to
    /// [0.1, 10] so that a class of a few pixels does not dominate; absent classes get 0 (they never are a target).
    /// </summary>
    public static float[] ClassWeights(long[] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        long total = counts.Sum();
        if (total == 0) throw new ArgumentException("class weights: the training labels have no labelled pixel (all 255)");
        var present = counts.Where(c => c > 0).Select(c => (double)c / total).OrderBy(f => f).ToArray();
        double median = present.Length % 2 == 1 ? present[present.Length / 2]
            : 0.5 * (present[present.Length / 2 - 1] + present[present.Length / 2]);
        return counts.Select(c => c == 0 ? 0f : (float)Math.Clamp(median / ((double)c / total), 0.1, 10.0)).ToArray();
    }

    /// <summary>Pixels per class (255 and ids beyond the class count are not counted).</summary>
    public static long[] ClassCounts(IEnumerable<byte[]> labels, int numClasses)
    {
        var counts = new long[numClasses];
        foreach (var l in labels)
            foreach (var v in l)
                if (v < numClasses) counts[v]++;
        return counts;
    }

    /// <summary>
    /// Instance weights: 4-connected components of equal label are instances; a pixel of an instance of area A gets
    /// w = clamp(sqrt(Ā / A), 1, maxWeight), Ā the mean instance area of the image. Large units keep weight 1,
    /// small ones up to <paramref name="maxWeight"/>. Ignored pixels (255) get 0.
    /// </summary>
    public static float[] InstanceWeights(byte[] labels, int width, int height, float maxWeight = 4f)
    {
        if (labels.Length != width * height) throw new ArgumentException($"instance weights: {labels.Length} labels for {width}x{height}");
        var component = new int[labels.Length];
        Array.Fill(component, -1);
        var areas = new List<int>();
        var stack = new Stack<int>();
        for (int start = 0; start < labels.Length; start++)
        {
            if (component[start] >= 0 || labels[start] == 255) continue;
            int id = areas.Count, area = 0;
            byte label = labels[start];
            component[start] = id;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int p = stack.Pop();
                area++;
                int x = p % width, y = p / width;
                if (x > 0) Visit(p - 1);
                if (x < width - 1) Visit(p + 1);
                if (y > 0) Visit(p - width);
                if (y < height - 1) Visit(p + width);
            }
            areas.Add(area);

            void Visit(int q)
            {
                if (component[q] < 0 && labels[q] == label) { component[q] = id; stack.Push(q); }
            }
        }
        var weights = new float[labels.Length];
        if (areas.Count == 0) return weights;
        double mean = areas.Average();
        var perComponent = areas.Select(a => (float)Math.Clamp(Math.Sqrt(mean / a), 1.0, maxWeight)).ToArray();
        for (int i = 0; i < labels.Length; i++) weights[i] = component[i] >= 0 ? perComponent[component[i]] : 0f;
        return weights;
    }
}
