using GisBridge.Algorithms.Lithology.Data;
using Xunit.Abstractions;

namespace GisBridge.Algorithms.Tests.Lithology;

public sealed class DatasetWindowsTests(ITestOutputHelper log)
{
    [Fact]
    public void WindowsStepByTheStrideAndTheLastOneIsFlushWithTheEdge()
    {
        var exact = DatasetWindows.Place(25, 25, 10, 10, 0.5);
        Assert.Equal([0, 5, 10, 15], exact.Where(w => w.Row == 0).Select(w => w.Col));
        Assert.Equal(16, exact.Count);
        var ragged = DatasetWindows.Place(27, 12, 10, 12, 0.5, scale: 3);
        Assert.Equal([0, 5, 10, 15, 17], ragged.Select(w => w.Col));
        Assert.All(ragged, w => Assert.Equal((3, 0, 10, 12), (w.Scale, w.Row, w.Width, w.Height)));
        log.WriteLine($"25x25 grid, window 10, stride 0.5: {exact.Count} windows; 27x12: {ragged.Count}");
    }

    [Fact]
    public void BadWindowsAreClearErrors()
    {
        Assert.Contains("larger than the grid", Assert.Throws<ArgumentException>(() => DatasetWindows.Place(20, 20, 30, 30, 0.5)).Message);
        Assert.Contains("at least 2x2", Assert.Throws<ArgumentException>(() => DatasetWindows.Place(20, 20, 1, 1, 0.5)).Message);
        Assert.Contains("stride_fraction", Assert.Throws<ArgumentException>(() => DatasetWindows.Place(20, 20, 10, 10, 0)).Message);
    }

    [Fact]
    public void BilinearResamplingIsExactOnAPlaneAndSkipsNaN()
    {
        const int w = 30, h = 20;
        var plane = new float[w * h];
        for (int r = 0; r < h; r++) for (int c = 0; c < w; c++) plane[r * w + c] = 2f * c - 3f * r + 7f;
        var window = new DatasetWindow(0, 6, 4, 12, 12);
        var tile = DatasetWindows.ResampleBilinear(plane, w, h, window, 16);
        double maxError = 0;
        for (int i = 0; i < 16; i++)
            for (int j = 0; j < 16; j++)
            {
                double x = 6 + (j + 0.5) * 12 / 16.0 - 0.5, y = 4 + (i + 0.5) * 12 / 16.0 - 0.5;
                maxError = Math.Max(maxError, Math.Abs(tile[i * 16 + j] - (2 * x - 3 * y + 7)));
            }
        log.WriteLine($"bilinear 12 -> 16 cells on a plane: max error {maxError:E2}");
        Assert.True(maxError < 1e-4);
        var same = DatasetWindows.ResampleBilinear(plane, w, h, new DatasetWindow(0, 0, 0, 20, 20), 20);
        Assert.Equal(plane[5 * w + 7], same[5 * 20 + 7]);   // window = tile: the cells themselves

        var holes = (float[])plane.Clone();
        holes[10 * w + 10] = float.NaN;
        var half = DatasetWindows.ResampleBilinear(holes, w, h, new DatasetWindow(0, 0, 0, 20, 20), 40);
        Assert.All(half, v => Assert.True(float.IsFinite(v)));   // one NaN cell: its neighbours fill in
        var allNaN = Enumerable.Repeat(float.NaN, w * h).ToArray();
        Assert.All(DatasetWindows.ResampleBilinear(allNaN, w, h, window, 8), v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void NearestResamplingRepeatsLabelsAndOutcropCountsLabelledCells()
    {
        byte[] labels = [0, 1, 2, 255, 0, 1, 2, 255];   // 4x2 grid
        var tile = DatasetWindows.ResampleNearest(labels, 4, 2, new DatasetWindow(0, 0, 0, 4, 2), 8);
        Assert.Equal([0, 0, 1, 1, 2, 2, 255, 255], tile.Take(8));
        Assert.Equal(0.75, DatasetWindows.OutcropFraction(tile), 6);
        var masked = DatasetWindows.MaskCover(labels, [true, false, false, false, true, false, false, false]);
        Assert.Equal([255, 1, 2, 255, 255, 1, 2, 255], masked);
        Assert.Equal(0.5, DatasetWindows.OutcropFraction(masked), 6);
    }
}
