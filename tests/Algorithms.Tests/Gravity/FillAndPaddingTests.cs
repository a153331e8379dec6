using GisBridge.Algorithms.Gravity;

namespace GisBridge.Algorithms.Tests.Gravity;

public class FillAndPaddingTests
{
    [Fact]
    public void HarmonicFillRestoresALinearFieldInsideAHole()
    {
        const int w = 40, h = 30;
        var v = new float[w * h];
        for (int r = 0; r < h; r++) for (int c = 0; c < w; c++) v[r * w + c] = 2f * c - 3f * r + 5f;
        var holed = (float[])v.Clone();
        for (int r = 10; r < 22; r++) for (int c = 5; c < 25; c++) holed[r * w + c] = float.NaN;
        int filled = NanFill.Fill(holed, 0, w, w, h);
        Assert.Equal(12 * 20, filled);
        for (int i = 0; i < v.Length; i++) Assert.Equal(v[i], holed[i], 0.05f);
    }

    [Theory]
    [InlineData(-1, 5, 1)]
    [InlineData(-4, 5, 4)]
    [InlineData(5, 5, 3)]
    [InlineData(9, 5, 1)]
    [InlineData(13, 5, 3)]
    public void MirrorPaddingReflectsAboutTheEdgeCells(int i, int n, int expected) =>
        Assert.Equal(expected, GridPadding.SourceIndex(i, n, PaddingMode.Mirror));

    [Fact]
    public void PaddedSizeIsFftFriendlyAndHoldsTheRequestedMargin()
    {
        var l = GridPadding.Layout(161, 97, 0.25, periodicX: false);
        Assert.True(l.Left >= 41 && l.Right >= 41 && l.Top >= 25 && l.Bottom >= 25);
        Assert.Equal(GridPadding.FftFriendlySize(l.PaddedWidth), l.PaddedWidth);
        Assert.Equal(288, GridPadding.FftFriendlySize(286)); // 286 = 2 x 11 x 13; 288 = 2^5 x 3^2
    }

    [Fact]
    public void TaperIsOneOverTheDataAndZeroAtTheOuterEdge()
    {
        var w = GridPadding.TaperWeights(20, 5, 10);
        Assert.All(w.Skip(5).Take(10), x => Assert.Equal(1f, x));
        Assert.Equal(0f, w[0], 1e-6f);
        Assert.Equal(0f, w[19], 1e-6f);
        Assert.True(w[4] > w[3] && w[3] > w[2]);
    }
}
