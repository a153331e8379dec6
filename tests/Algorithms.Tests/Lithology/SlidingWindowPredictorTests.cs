using GisBridge.Algorithms.Lithology.Data;
using GisBridge.Algorithms.Lithology.Inference;
using GisBridge.Algorithms.Lithology.Network;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Tests.Lithology;

public class SlidingWindowPredictorTests(ITestOutputHelper output)
{
    private static readonly ChannelNormalization Identity2 = new([0f, 0f], [1f, 1f]);

    private static float[][] RandomBands(int w, int h, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, w * h).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray()).ToArray();
    }

    private static (byte[] Classes, float[] Probabilities) SinglePass(nn.Module<Tensor, Tensor> net, float[][] bands, int w, int h)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        net.eval();
        var x = tensor(bands.SelectMany(b => b).ToArray(), [1, 2, h, w]);
        var p = nn.functional.softmax(net.forward(x), 1);
        return (p.argmax(1).to_type(ScalarType.Byte).flatten().data<byte>().ToArray(), p.max(1).values.flatten().data<float>().ToArray());
    }

    [Fact]
    public void PointwiseNetworkTilesExactlyLikeASinglePass()
    {
        // A 1x1 convolution has no spatial context: blending identical window probabilities must change nothing.
        using var scope = NewDisposeScope();
        random.manual_seed(5);
        using var net = nn.Conv2d(2, 3, 1);
        var bands = RandomBands(70, 45, 1);
        var single = SinglePass(net, bands, 70, 45);
        var tiled = SlidingWindowPredictor.Predict(net, 3, Identity2, bands, 70, 45,
            new PredictorOptions { Window = 16, Overlap = 0.5, BatchSize = 3 }, CPU);
        Assert.Equal(single.Classes, tiled.Classes);
        for (int i = 0; i < single.Probabilities.Length; i++)
            Assert.True(Math.Abs(single.Probabilities[i] - tiled.Confidence![i]) < 1e-5, $"pixel {i}");
        Assert.All(tiled.Entropy!, e => Assert.InRange(e, 0f, (float)Math.Log(3) + 1e-5f));
    }

    [Fact]
    public void GgmnetTilingMatchesASinglePassUpToBlending()
    {
        using var scope = NewDisposeScope();
        using var net = NetworkFactory.Create("ggmnet", 2, 4, NetworkConfig.Tiny, seed: 2);
        var bands = RandomBands(64, 64, 2);
        var single = SinglePass(net, bands, 64, 64);
        var oneWindow = SlidingWindowPredictor.Predict(net, 4, Identity2, bands, 64, 64, new PredictorOptions { Window = 64 }, CPU);
        Assert.Equal(single.Classes, oneWindow.Classes);
        var tiled = SlidingWindowPredictor.Predict(net, 4, Identity2, bands, 64, 64,
            new PredictorOptions { Window = 32, Overlap = 0.5, BatchSize = 2 }, CPU);
        double agree = single.Classes.Zip(tiled.Classes).Count(p => p.First == p.Second) / (double)single.Classes.Length;
        output.WriteLine($"tiled (32 px windows, 50 % overlap) vs single pass: {agree:P1} of pixels agree");
        Assert.True(agree > 0.8, $"only {agree:P1} agree");
    }

    [Fact]
    public void NodataCellsGet255AndNaN()
    {
        using var scope = NewDisposeScope();
        using var net = nn.Conv2d(2, 3, 1);
        var bands = RandomBands(20, 10, 3);
        bands[1][7] = float.NaN;
        var p = SlidingWindowPredictor.Predict(net, 3, Identity2, bands, 20, 10, new PredictorOptions { Window = 8 }, CPU);
        Assert.Equal(255, p.Classes[7]);
        Assert.True(float.IsNaN(p.Confidence![7]) && float.IsNaN(p.Entropy![7]));
        Assert.NotEqual(255, p.Classes[8]);
    }

    [Fact]
    public void ChannelMismatchIsRefused()
    {
        using var net = nn.Conv2d(2, 3, 1);
        var e = Assert.Throws<ArgumentException>(() => SlidingWindowPredictor.Predict(net, 3, Identity2,
            RandomBands(8, 8, 0).Take(1).ToArray(), 8, 8, new PredictorOptions(), CPU));
        Assert.Contains("expects 2 input bands", e.Message);
    }

    [Fact]
    public void WindowPositionsCoverTheRaster()
    {
        Assert.Equal(new[] { 0, 8, 16, 24, 29 }, SlidingWindowPredictor.Positions(45, 16, 0.5));
        Assert.Equal(new[] { 0 }, SlidingWindowPredictor.Positions(16, 16, 0.25));
    }

    [Fact]
    public void TestTimeAugmentationOfAPointwiseNetworkChangesNothingAndIsCertain()
    {
        // A 1x1 convolution commutes with flips and transposes: every view gives the same probabilities, so the
        // average is the plain prediction and the mutual information between class and view is 0.
        using var scope = NewDisposeScope();
        random.manual_seed(6);
        using var net = nn.Conv2d(2, 3, 1);
        var bands = RandomBands(40, 40, 3);
        var plain = SlidingWindowPredictor.Predict(net, 3, Identity2, bands, 40, 40, new PredictorOptions { Window = 16, Overlap = 0.5 }, CPU);
        var tta = SlidingWindowPredictor.Predict(net, 3, Identity2, bands, 40, 40,
            new PredictorOptions { Window = 16, Overlap = 0.5, TestTimeAugmentation = true }, CPU);
        Assert.Equal(plain.Classes, tta.Classes);
        Assert.All(tta.Uncertainty!, u => Assert.InRange(u, 0f, 1e-5f));
        Assert.Null(plain.Uncertainty);
    }

    [Fact]
    public void TestTimeAugmentationUncertaintyIsTheMutualInformationOfTheEightViews()
    {
        // A 3x3 kernel without symmetry sees each flipped/rotated view differently. On one window covering the
        // raster (no blending), the mean probability and I = H(mean) - mean H are computed here by hand from the
        // eight views (numpy-style, in float64) and compared.
        using var scope = NewDisposeScope();
        random.manual_seed(7);
        using var net = nn.Conv2d(2, 3, 3, padding: 1);
        int n = 12;
        var bands = RandomBands(n, n, 4);
        var tta = SlidingWindowPredictor.Predict(net, 3, Identity2, bands, n, n,
            new PredictorOptions { Window = n, TestTimeAugmentation = true }, CPU);
        using var _ = no_grad();
        var x = tensor(bands.SelectMany(b => b).ToArray(), [1, 2, n, n]);
        var views = new List<double[,,]>();
        for (int v = 0; v < 8; v++)
        {
            var xv = x;
            if ((v & 1) != 0) xv = xv.flip(3);
            if ((v & 2) != 0) xv = xv.flip(2);
            if ((v & 4) != 0) xv = xv.transpose(2, 3);
            var p = nn.functional.softmax(net.forward(xv), 1).to_type(ScalarType.Float64);
            var a = p.data<double>().ToArray();
            var back = new double[3, n, n];
            for (int c = 0; c < 3; c++)
                for (int r = 0; r < n; r++)
                    for (int q = 0; q < n; q++)
                    {
                        // Pixel (r, q) of the view holds original pixel (row, col): undo transpose, then the flips.
                        int row = r, col = q;
                        if ((v & 4) != 0) (row, col) = (col, row);
                        if ((v & 2) != 0) row = n - 1 - row;
                        if ((v & 1) != 0) col = n - 1 - col;
                        back[c, row, col] = a[(c * n + r) * n + q];
                    }
            views.Add(back);
        }
        double maxMi = 0;
        for (int r = 0; r < n; r++)
            for (int q = 0; q < n; q++)
            {
                double hMean = 0, meanH = 0;
                var mean = new double[3];
                for (int c = 0; c < 3; c++) mean[c] = views.Average(p => p[c, r, q]);
                for (int c = 0; c < 3; c++) hMean -= mean[c] * Math.Log(mean[c]);
                meanH = views.Average(p => -Enumerable.Range(0, 3).Sum(c => p[c, r, q] * Math.Log(p[c, r, q])));
                double expected = hMean - meanH;
                maxMi = Math.Max(maxMi, expected);
                Assert.True(Math.Abs(tta.Uncertainty![r * n + q] - expected) < 1e-5, $"pixel ({r},{q}): {tta.Uncertainty[r * n + q]} vs {expected}");
                Assert.Equal((byte)Array.IndexOf(mean, mean.Max()), tta.Classes[r * n + q]);
            }
        Assert.True(maxMi > 1e-3, $"the views barely differ (max I = {maxMi})");
    }

    [Fact]
    public void McDropoutUncertaintyIsTheMutualInformationOfTheSampledNetworks()
    {
        // One window covering the raster: the predictor's six dropout samples are redrawn here from the same seed
        // (batch normalisation-free network, dropout drawing masks) and I = H(mean) - mean H is computed in float64.
        using var scope = NewDisposeScope();
        random.manual_seed(5);
        using var net = nn.Sequential(nn.Conv2d(2, 6, 3, padding: 1), nn.Dropout2d(0.5), nn.Conv2d(6, 3, 1));
        int n = 10, samples = 6;
        var bands = RandomBands(n, n, 8);
        random.manual_seed(11);
        var mc = SlidingWindowPredictor.Predict(net, 3, Identity2, bands, n, n,
            new PredictorOptions { Window = n, McDropoutSamples = samples }, CPU);
        Assert.False(net.training); // the predictor leaves the network in evaluation mode
        using var _ = no_grad();
        var x = tensor(bands.SelectMany(b => b).ToArray(), [1, 2, n, n]);
        random.manual_seed(11);
        var draws = new List<double[]>();
        using (ClassifierDropout.Sampling(net))
            for (int s = 0; s < samples; s++)
                draws.Add(nn.functional.softmax(net.forward(x), 1).to_type(ScalarType.Float64).data<double>().ToArray());
        double maxMi = 0;
        for (int i = 0; i < n * n; i++)
        {
            var mean = Enumerable.Range(0, 3).Select(c => draws.Average(p => p[c * n * n + i])).ToArray();
            double hMean = -mean.Sum(m => m * Math.Log(m));
            double meanH = draws.Average(p => -Enumerable.Range(0, 3).Sum(c => p[c * n * n + i] * Math.Log(p[c * n * n + i])));
            double expected = hMean - meanH;
            maxMi = Math.Max(maxMi, expected);
            Assert.True(Math.Abs(mc.Uncertainty![i] - expected) < 1e-5, $"cell {i}: {mc.Uncertainty[i]} vs {expected}");
            Assert.Equal((byte)Array.IndexOf(mean, mean.Max()), mc.Classes[i]);
        }
        Assert.True(maxMi > 1e-3, $"the dropout samples barely differ (max I = {maxMi})");
    }

    [Fact]
    public void McDropoutIsRefusedForAModelWithoutDropout()
    {
        using var net = NetworkFactory.Create("unet", 2, 3, NetworkConfig.Tiny, seed: 1);
        Assert.False(ClassifierDropout.Has(net));
        var e = Assert.Throws<ArgumentException>(() => SlidingWindowPredictor.Predict(net, 3, Identity2, RandomBands(16, 16, 1),
            16, 16, new PredictorOptions { Window = 16, McDropoutSamples = 4 }, CPU));
        Assert.Contains("trained with dropout", e.Message);
        Assert.Throws<ArgumentException>(() => SlidingWindowPredictor.Predict(net, 3, Identity2, RandomBands(16, 16, 1),
            16, 16, new PredictorOptions { Window = 16, McDropoutSamples = PredictorOptions.MaxMcDropoutSamples + 1 }, CPU));
    }

    [Theory]
    [InlineData("ggmnet")]
    [InlineData("unet")]
    public void ADropoutNetworkSamplesOnlyWhenAsked(string arch)
    {
        using var scope = NewDisposeScope();
        using var net = NetworkFactory.Create(arch, 2, 3, NetworkConfig.Tiny with { Dropout = 0.5 }, seed: 3);
        Assert.True(ClassifierDropout.Has(net));
        // Dropout has no weights: the state dict is the one of the same network without it.
        using var plain = NetworkFactory.Create(arch, 2, 3, NetworkConfig.Tiny, seed: 3);
        Assert.Equal(plain.state_dict().Keys.Order(), net.state_dict().Keys.Order());
        using var _ = no_grad();
        var x = randn(1, 2, 16, 16);
        net.eval();
        Assert.True(net.forward(x).eq(net.forward(x)).all().item<bool>());
        using (ClassifierDropout.Sampling(net))
            Assert.False(net.forward(x).eq(net.forward(x)).all().item<bool>());
        // Same seed, same weights (a dropout layer draws none): in evaluation mode it is the network without dropout.
        plain.eval();
        Assert.True(net.forward(x).eq(plain.forward(x)).all().item<bool>());
    }

    [Fact]
    public void CellsFarFromTheTrainingStatisticsAreCounted()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(8);
        using var net = nn.Conv2d(2, 3, 1);
        var bands = RandomBands(30, 20, 5);     // |z| <= 1 under the identity normalisation
        bands[0][7] = 40;                       // z = 40
        bands[1][123] = -6;                     // z = -6
        bands[0][321] = 4.9f;                   // inside 5 sigma
        bands[1][50] = float.NaN;               // nodata: not predicted, not counted
        var p = SlidingWindowPredictor.Predict(net, 3, Identity2, bands, 30, 20, new PredictorOptions { Window = 16 }, CPU);
        Assert.Equal(2, p.OutOfRangeCells);
        Assert.Equal(255, p.Classes[50]);
    }
}
