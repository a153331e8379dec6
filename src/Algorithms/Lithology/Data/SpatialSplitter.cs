namespace GisBridge.Algorithms.Lithology.Data;

/// <summary>
/// Spatially separated split: the grid is cut into three vertical bands, west to east train | val | test, and a tile
/// goes to the band that holds its whole column range; tiles that straddle a cut are left out, so no cell of the
/// validation or test area is ever seen in training (random tile splits leak overlapping windows).
/// </summary>
public static class SpatialSplitter
{
    /// <param name="tiles">name and the tile's first and last-plus-one grid column</param>
    public static (DatasetSplit Split, int Dropped) Split(IReadOnlyList<(string Name, int Col0, int Col1)> tiles, int gridWidth,
        double testFraction, double valFraction)
    {
        if (!(testFraction > 0 && valFraction >= 0 && testFraction + valFraction < 1))
            throw new ArgumentException($"spatial split: test ({testFraction}) and val ({valFraction}) fractions must be > 0 and sum below 1");
        double testCut = gridWidth * (1 - testFraction), valCut = gridWidth * (1 - testFraction - valFraction);
        var train = new List<string>(); var val = new List<string>(); var test = new List<string>();
        int dropped = 0;
        foreach (var (name, c0, c1) in tiles)
        {
            if (c1 <= valCut) train.Add(name);
            else if (c0 >= valCut && c1 <= testCut) val.Add(name);
            else if (c0 >= testCut) test.Add(name);
            else dropped++;
        }
        if (train.Count == 0 || test.Count == 0)
            throw new ArgumentException($"spatial split: {train.Count} training and {test.Count} test tiles; use smaller windows or other fractions");
        return (new DatasetSplit(train, val, test), dropped);
    }
}
