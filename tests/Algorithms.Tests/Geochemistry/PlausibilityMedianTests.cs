using GisBridge.Algorithms.Geochemistry;

namespace GisBridge.Algorithms.Tests.Geochemistry;

/// <summary>The counting median checks behind the reader's mislabelled-column notes.</summary>
public class PlausibilityMedianTests
{
    [Fact]
    public void MedianBounds_AgreeWithTheSortedMedian()
    {
        double[] pool = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1, 2, 3, 5, 5.5, 15.5];
        var random = new Random(3);
        for (int trial = 0; trial < 2000; trial++)
        {
            var values = Enumerable.Range(0, random.Next(0, 9)).Select(_ => pool[random.Next(pool.Length)]).ToArray();
            double median = GeochemTableReader.Median(values);
            foreach (double bound in new[] { 2.0, 5.0 })
            {
                Assert.Equal(median > bound, GeochemTableReader.MedianAbove(values, bound));
                Assert.Equal(median < bound, GeochemTableReader.MedianBelow(values, bound));
            }
        }
    }
}
