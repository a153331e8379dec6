using GisBridge.Algorithms.Lithology.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Tests.Lithology;

public class LossAndWeightsTests
{
    // One image of 20 pixels, 2 classes, truth all class 0; pixel i has logit (0, i/4) so its loss grows with i.
    private static (Tensor Logits, Tensor Target) Ramp()
    {
        var l1 = arange(20, dtype: float32) / 4;
        var logits = stack([zeros(20), l1]).view(1, 2, 4, 5);
        return (logits, zeros(1, 4, 5, dtype: int64));
    }

    [Fact]
    public void LossAveragesExactlyTheTopKHardestPixels()
    {
        using var scope = NewDisposeScope();
        var (logits, target) = Ramp();
        logits.requires_grad_(true);
        var loss = new BootstrappedCrossEntropy(topKFraction: 0.15).Compute(logits, target);
        // K = ceil(0.15 * 20) = 3: pixels 17, 18, 19; loss_i = log(1 + e^{i/4}).
        double expected = new[] { 17, 18, 19 }.Average(i => Math.Log(1 + Math.Exp(i / 4.0)));
        Assert.Equal(expected, loss.item<float>(), 4);
        loss.backward();
        var g = logits.grad!.abs().sum(1).flatten().data<float>().ToArray();
        for (int i = 0; i < 20; i++)
            Assert.True(i >= 17 ? g[i] > 0 : g[i] == 0, $"pixel {i}: gradient {g[i]}");
    }

    [Fact]
    public void IgnoredPixelsAreNeverSelectedAndClassWeightsScale()
    {
        using var scope = NewDisposeScope();
        var (logits, target) = Ramp();
        target.view(-1)[19] = tensor(255L); // the hardest pixel is ignored
        var loss = new BootstrappedCrossEntropy(topKFraction: 0.15).Compute(logits, target);
        double expected = new[] { 16, 17, 18 }.Average(i => Math.Log(1 + Math.Exp(i / 4.0)));
        Assert.Equal(expected, loss.item<float>(), 4);
        var weighted = new BootstrappedCrossEntropy([2f, 1f], 0.15).Compute(logits, target);
        Assert.Equal(2 * expected, weighted.item<float>(), 4);
    }

    [Fact]
    public void AllIgnoredGivesZeroLoss()
    {
        using var scope = NewDisposeScope();
        var loss = new BootstrappedCrossEntropy().Compute(randn(1, 3, 4, 4), full(1, 4, 4, 255L));
        Assert.Equal(0f, loss.item<float>());
    }

    [Fact]
    public void MedianFrequencyClassWeights()
    {
        var w = PixelWeights.ClassWeights([100, 300, 0, 600]);
        // Frequencies 0.1, 0.3, 0.6: median 0.3 -> weights 3, 1, (absent) 0, 0.5.
        Assert.Equal(new[] { 3f, 1f, 0f, 0.5f }, w.Select(v => MathF.Round(v, 5)));
        Assert.Throws<ArgumentException>(() => PixelWeights.ClassWeights([0, 0]));
    }

    [Fact]
    public void SmallInstancesWeighMore()
    {
        // 6x6: class 1 everywhere except a 1-pixel island of class 2 and an ignored pixel.
        var labels = Enumerable.Repeat((byte)1, 36).ToArray();
        labels[14] = 2;
        labels[35] = 255;
        var w = PixelWeights.InstanceWeights(labels, 6, 6, maxWeight: 4);
        Assert.Equal(1f, w[0]);
        Assert.Equal(0f, w[35]);
        // mean area (34 + 1) / 2 = 17.5 -> island weight sqrt(17.5) = 4.18, clipped to 4.
        Assert.Equal(4f, w[14]);
    }

    [Fact]
    public void WarmupThenStepsOfTen()
    {
        var s = new WarmupMultiStepSchedule(1e-3);
        Assert.Equal(1e-3 / 3, s.LearningRate(0), 12);
        Assert.True(s.LearningRate(2) > s.LearningRate(1));
        Assert.Equal(1e-3, s.LearningRate(5), 12);
        Assert.Equal(1e-3, s.LearningRate(49), 12);
        Assert.Equal(1e-4, s.LearningRate(50), 12);
        Assert.Equal(1e-5, s.LearningRate(100), 12);
    }
}
