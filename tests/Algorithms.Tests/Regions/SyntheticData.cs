using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Tests.Regions;

/// <summary>Seeded synthetic tables with known structure.</summary>
internal static class SyntheticData
{
    public static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    /// <summary>Blobs in features a, b, c around the given centres (sd 1), with true labels.</summary>
    public static (SampleTable Table, int[] Truth) Blobs(double[][] centres, int perBlob, int seed, double sd = 1)
    {
        var r = new Random(seed);
        int n = centres.Length * perBlob;
        var cols = Enumerable.Range(0, centres[0].Length).Select(_ => new double[n]).ToArray();
        var truth = new int[n];
        var lon = new double[n];
        var lat = new double[n];
        for (int i = 0; i < n; i++)
        {
            int c = i / perBlob;
            truth[i] = c;
            for (int j = 0; j < cols.Length; j++) cols[j][i] = centres[c][j] + sd * Gaussian(r);
            lon[i] = -170 + 340 * r.NextDouble();
            lat[i] = -60 + 120 * r.NextDouble();
        }
        var t = new SampleTable(n);
        for (int j = 0; j < cols.Length; j++) t.SetNumeric(((char)('a' + j)).ToString(), cols[j]);
        t.SetNumeric(SampleTable.Longitude, lon);
        t.SetNumeric(SampleTable.Latitude, lat);
        return (t, truth);
    }

    /// <summary>Fraction of points whose cluster's majority true label is their own (1 = perfect recovery).</summary>
    public static double Purity(int[] labels, int[] truth)
    {
        int agree = labels.Select((l, i) => (l, i)).GroupBy(x => x.l)
            .Sum(g => g.GroupBy(x => truth[x.i]).Max(h => h.Count()));
        return (double)agree / labels.Length;
    }
}
