namespace GisBridge.Algorithms.Lithology.Data;

/// <summary>Split rule of the GGMNet paper: test = tiles with little outcrop, a random share of the rest for validation.</summary>
public sealed record DatasetSplitOptions
{
    /// <summary>Tiles whose outcrop fraction is below this go to the test set (paper: 10 %).</summary>
    public double TestOutcropBelow { get; init; } = 0.10;
    /// <summary>Share of the remaining tiles drawn at random for validation (paper: 15 %).</summary>
    public double ValFraction { get; init; } = 0.15;
    /// <summary>Seed of the shuffle that draws the validation tiles.</summary>
    public int Seed { get; init; }
}

/// <summary>Dataset split and class statistics.</summary>
public static class DatasetSplitter
{
    /// <summary>
    /// Splits tiles (name, outcrop fraction): test = outcrop below the threshold; the others are shuffled with the
    /// seed and round(n x ValFraction) of them (at least one when two or more remain) go to validation.
    /// Names keep their input order inside each subset.
    /// </summary>
    public static DatasetSplit Split(IReadOnlyList<(string Name, double Outcrop)> tiles, DatasetSplitOptions? options = null)
    {
        var o = options ?? new DatasetSplitOptions();
        if (!(o.ValFraction >= 0 && o.ValFraction < 1)) throw new ArgumentException($"val fraction must be in [0, 1), got {o.ValFraction}");
        var test = tiles.Where(t => t.Outcrop < o.TestOutcropBelow).Select(t => t.Name).ToList();
        var rest = tiles.Where(t => t.Outcrop >= o.TestOutcropBelow).Select(t => t.Name).ToList();
        if (rest.Count == 0)
            throw new ArgumentException($"no tile has {o.TestOutcropBelow:P0} or more outcrop: nothing to train on " +
                $"({tiles.Count} tiles, all go to the test set); check the class field, the cover layer and the overlap of map and grid");
        int val = (int)Math.Round(rest.Count * o.ValFraction);
        if (val == 0 && o.ValFraction > 0 && rest.Count >= 2) val = 1;
        var order = Enumerable.Range(0, rest.Count).ToArray();
        new Random(o.Seed).Shuffle(order);
        var valSet = order.Take(val).ToHashSet();
        var train = rest.Where((_, i) => !valSet.Contains(i)).ToList();
        var valNames = rest.Where((_, i) => valSet.Contains(i)).ToList();
        return new DatasetSplit(train, valNames, test);
    }

    /// <summary>Cells per class (ids 0..classes-1) over the given label tiles; 255 (ignore) is not counted.</summary>
    public static long[] ClassCounts(IEnumerable<byte[]> labelTiles, int classes)
    {
        var counts = new long[classes];
        foreach (var labels in labelTiles)
            foreach (var l in labels)
                if (l < classes) counts[l]++;
        return counts;
    }

    /// <summary>Class frequencies (counts / total labelled cells); all zero when nothing is labelled.</summary>
    public static double[] Frequencies(long[] counts)
    {
        long total = counts.Sum();
        return counts.Select(c => total > 0 ? (double)c / total : 0).ToArray();
    }
}
