using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Gravity;
using Xunit.Abstractions;

namespace GisBridge.Algorithms.Tests.Gravity;

/// <summary>Upward continuation against the closed-form field of buried point masses at the continued height.</summary>
public class UpwardContinuationAnalyticTests(ITestOutputHelper output)
{
    // Three masses at 4-8 km depth near the middle of a 256 km x 256 km, 1 km grid: the grid is more than
    // 10 x (depth + height) across for heights up to 10 km.
    internal static readonly PointMass[] Sources =
    [
        new(128_000, 128_000, 6_000, 1e9),
        new(100_000, 150_000, 4_000, 4e8),
        new(160_000, 110_000, 8_000, 1.5e9),
    ];

    // Isolated anomalies on a zero background: nothing to detrend (GMT's -N+l "leave alone").
    internal static readonly FftOptions Isolated = new() { Detrend = DetrendMode.None };

    internal static RasterGrid SourceGrid(int width = 256, int height = 256, double dx = 1000, double dy = 1000, bool northUp = true) =>
        PointMassField.Grid(width, height, dx, dy, 0, 0, (x, y) => PointMassField.Gz(Sources, x, y, 0), northUp);

    internal static double ErrorAtHeight(RasterGrid input, float[] regional, double h) =>
        PointMassField.InteriorRelativeRms(regional,
            (c, r) => PointMassField.Gz(Sources, input.Transform.CenterX(c), input.Transform.CenterY(r), h),
            input.Width, input.Height);

    [Fact]
    public void ContinuedSpheresMatchTheClosedFormBetterThanGmt()
    {
        var input = SourceGrid();
        var result = UpwardContinuation.Run(input, new UpwardContinuationOptions { Heights = [10_000], Fft = Isolated });
        double rms = ErrorAtHeight(input, result.Levels[0].Regional.Bands[0], 10_000);
        var periodic = UpwardContinuation.Run(input, new UpwardContinuationOptions
        {
            Heights = [10_000], Fft = Isolated with { RemovePeriodicImages = false },
        });
        double rmsPeriodic = ErrorAtHeight(input, periodic.Levels[0].Regional.Bands[0], 10_000);
        output.WriteLine($"h = 10 km, 256x256 x 1 km, padded {result.PaddedWidth}x{result.PaddedHeight}: interior relative RMS " +
            $"{rms * 100:F4} % (without the periodic-image correction {rmsPeriodic * 100:F4} %; GMT 6.4 grdfft -N+l on this grid: 2.30 %)");
        Assert.True(rms <= 0.00124, $"relative RMS {rms * 100:F4} % exceeds GMT's 0.124 %");
        Assert.True(rms < rmsPeriodic / 5, "the periodic-image correction should remove most of the wrap-around bias");
    }

    [Fact]
    public void SeveralHeightsInOneCallEachMatchTheClosedForm()
    {
        var input = SourceGrid();
        double[] heights = [5_000, 1_000, 10_000];
        var result = UpwardContinuation.Run(input, new UpwardContinuationOptions { Heights = heights, Fft = Isolated });
        Assert.Equal(heights, result.Levels.Select(l => l.HeightMetres));
        foreach (var level in result.Levels)
        {
            double rms = ErrorAtHeight(input, level.Regional.Bands[0], level.HeightMetres);
            output.WriteLine($"h = {level.HeightMetres} m: interior relative RMS {rms * 100:F4} %");
            Assert.True(rms <= 0.0015, $"h = {level.HeightMetres}: {rms * 100:F4} % > 0.15 %");
            var reg = level.Regional.Bands[0];
            var res = level.Residual.Bands[0];
            for (int i = 0; i < reg.Length; i += 97) Assert.Equal(input.Bands[0][i] - reg[i], res[i], 5);
        }
    }

    [Fact]
    public void ResidualInPlace_GivesTheSameLevels_AndOverwritesOnlyTheLastResidualsInput()
    {
        double[] heights = [5_000, 10_000];
        var reference = UpwardContinuation.Run(SourceGrid(), new UpwardContinuationOptions { Heights = heights, Fft = Isolated });
        var input = SourceGrid();
        var original = input.Bands[0].ToArray();
        var inPlace = UpwardContinuation.Run(input, new UpwardContinuationOptions { Heights = heights, Fft = Isolated, ResidualInPlace = true });
        for (int l = 0; l < heights.Length; l++)
        {
            Assert.Equal(reference.Levels[l].Regional.Bands[0], inPlace.Levels[l].Regional.Bands[0]);
            Assert.Equal(reference.Levels[l].Residual.Bands[0], inPlace.Levels[l].Residual.Bands[0]);
        }
        Assert.Same(input.Bands[0], inPlace.Levels[^1].Residual.Bands[0]);
        Assert.NotSame(input.Bands[0], inPlace.Levels[0].Residual.Bands[0]);
        Assert.NotEqual(original, input.Bands[0]);
    }

    [Fact]
    public void NonSquareCellsMatchTheClosedForm()
    {
        // 1000 m x 600 m cells over the same 256 km x 256 km.
        var input = SourceGrid(256, 427, 1000, 600);
        var result = UpwardContinuation.Run(input, new UpwardContinuationOptions { Heights = [8_000], Fft = Isolated });
        double rms = ErrorAtHeight(input, result.Levels[0].Regional.Bands[0], 8_000);
        output.WriteLine($"1000 m x 600 m cells, h = 8 km: interior relative RMS {rms * 100:F4} %");
        Assert.True(rms <= 0.0015, $"{rms * 100:F4} % > 0.15 %");
    }

    [Fact]
    public void DefaultPlaneDetrendStaysCloseOnIsolatedAnomalies()
    {
        // The default keeps a fitted plane as "regional at infinity": right for real regional fields, slightly
        // wrong for anomalies on a zero background. Logged so that the cost of the default is known.
        var input = SourceGrid();
        var result = UpwardContinuation.Run(input, new UpwardContinuationOptions { Heights = [10_000] });
        double rms = ErrorAtHeight(input, result.Levels[0].Regional.Bands[0], 10_000);
        output.WriteLine($"default options (plane detrend), h = 10 km: interior relative RMS {rms * 100:F4} %");
        Assert.True(rms < 0.03, $"{rms * 100:F4} %");
    }

    [Fact]
    public void NorthUpAndSouthUpGiveTheSameAnswer()
    {
        var north = SourceGrid(200, 180);
        var south = SourceGrid(200, 180, northUp: false);
        // Same cells, rows in opposite order.
        Assert.Equal(north.Bands[0][0], south.Bands[0][179 * 200]);
        var o = new UpwardContinuationOptions { Heights = [7_000] };
        var a = UpwardContinuation.Run(north, o).Levels[0].Regional.Bands[0];
        var b = UpwardContinuation.Run(south, o).Levels[0].Regional.Bands[0];
        double maxDiff = 0, maxValue = 0;
        for (int r = 0; r < 180; r++)
            for (int c = 0; c < 200; c++)
            {
                maxDiff = Math.Max(maxDiff, Math.Abs(a[r * 200 + c] - b[(179 - r) * 200 + c]));
                maxValue = Math.Max(maxValue, Math.Abs(a[r * 200 + c]));
            }
        output.WriteLine($"north-up vs south-up: max difference {maxDiff:G3} (max value {maxValue:G3})");
        Assert.True(maxDiff <= 1e-5 * maxValue, $"north-up and south-up differ by {maxDiff}");
    }

    [Fact]
    public void NodataHolesAreFilledForTheTransformAndMaskedAgain()
    {
        var full = SourceGrid();
        var values = (float[])full.Bands[0].Clone();
        var holes = new List<int>();
        for (int r = 60; r < 75; r++) for (int c = 180; c < 200; c++) holes.Add(r * 256 + c);   // a 15 x 20 km gap
        for (int i = 1000; i < values.Length; i += 611) holes.Add(i);                               // scattered dropouts
        foreach (int i in holes) values[i] = float.NaN;
        var input = full.WithBands([values]);
        var result = UpwardContinuation.Run(input, new UpwardContinuationOptions { Heights = [10_000], Fft = Isolated });
        var level = result.Levels[0];
        foreach (int i in holes)
        {
            Assert.True(float.IsNaN(level.Regional.Bands[0][i]));
            Assert.True(float.IsNaN(level.Residual.Bands[0][i]));
        }
        Assert.Equal(holes.Distinct().Count(), result.FilledNodataCells);
        Assert.Equal(values.Length - result.FilledNodataCells, level.Regional.Bands[0].Count(v => !float.IsNaN(v)));
        double rms = ErrorAtHeight(input, level.Regional.Bands[0], 10_000);
        output.WriteLine($"with {result.FilledNodataCells} nodata cells filled: interior relative RMS {rms * 100:F4} %");
        Assert.True(rms <= 0.0015, $"{rms * 100:F4} % > 0.15 %");
    }
}
