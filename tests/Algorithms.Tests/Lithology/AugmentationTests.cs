using GisBridge.Algorithms.Lithology.Training;

namespace GisBridge.Algorithms.Tests.Lithology;

public class AugmentationTests
{
    private static (float[][] Bands, byte[] Labels) Tile(int w, int h)
    {
        var band = Enumerable.Range(0, w * h).Select(i => (float)i).ToArray();
        var labels = Enumerable.Range(0, w * h).Select(i => (byte)(i % w < w / 2 ? 0 : 1)).ToArray();
        return ([band], labels);
    }

    [Fact]
    public void WithoutAugmentationTheCentreCropIsCopied()
    {
        var (bands, labels) = Tile(10, 8);
        var (b, l) = Augmentation.Sample(bands, labels, 10, 8, 4, null, new Random(0));
        // Centre crop: rows 2..5, columns 3..6.
        Assert.Equal(new float[] { 23, 24, 25, 26 }, b[0].Take(4));
        Assert.Equal(labels[23], l[0]);
    }

    [Fact]
    public void AugmentedCropsAreDeterministicKeepLabelsAndMarkOutsideAsIgnored()
    {
        var (bands, labels) = Tile(16, 16);
        var a = Augmentation.Sample(bands, labels, 16, 16, 24, new AugmentationOptions(), new Random(3));
        var b = Augmentation.Sample(bands, labels, 16, 16, 24, new AugmentationOptions(), new Random(3));
        Assert.Equal(a.Labels, b.Labels);
        Assert.Equal(a.Bands[0], b.Bands[0]);
        Assert.Equal(24 * 24, a.Labels.Length);
        Assert.All(a.Labels, v => Assert.True(v is 0 or 1 or 255));
        Assert.Contains((byte)255, a.Labels); // a 24 px crop of a 16 px tile reaches outside
    }
}
