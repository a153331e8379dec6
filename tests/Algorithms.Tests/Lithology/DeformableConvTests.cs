using GisBridge.Algorithms.Lithology.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Tests.Lithology;

public class DeformableConvTests
{
    [Fact]
    public void ZeroOffsetsEqualAPlainConvolutionWithTheSameWeights()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        using var deform = new DeformableConv2d(5, 7, bias: true);
        using var plain = nn.Conv2d(5, 7, 3, padding: 1, bias: true);
        using (no_grad())
        {
            plain.weight!.copy_(deform.Weight);
            plain.bias!.copy_(deform.Bias!);
        }
        var x = randn(2, 5, 11, 9);
        var a = deform.forward(x);
        var b = plain.forward(x);
        Assert.Equal(b.shape, a.shape);
        double maxDiff = (a - b).abs().max().item<float>();
        Assert.True(maxDiff < 1e-4, $"max difference {maxDiff}");
    }

    [Fact]
    public void AWholePixelOffsetShiftsTheSampling()
    {
        using var scope = NewDisposeScope();
        using var deform = new DeformableConv2d(1, 1, bias: false);
        using (no_grad())
        {
            // Kernel = centre tap only: output = input sampled at p + offset of tap 4.
            deform.Weight.zero_();
            deform.Weight[0, 0, 1, 1] = tensor(1f);
            deform.OffsetConv.bias![9] = tensor(1f); // dx of the centre tap = +1 pixel
        }
        var x = arange(20, dtype: float32).view(1, 1, 4, 5);
        var y = deform.forward(x);
        // Column j reads column j+1; the last column reads outside (zero).
        Assert.Equal(new float[] { 1, 2, 3, 4, 0 }, y[0, 0, 0].data<float>().ToArray().Select(v => MathF.Round(v, 4)).ToArray());
    }

    [Fact]
    public void GradientsReachTheOffsetPredictor()
    {
        using var scope = NewDisposeScope();
        using var deform = new DeformableConv2d(2, 3);
        deform.forward(randn(1, 2, 6, 6)).pow(2).sum().backward();
        Assert.True(deform.OffsetConv.weight!.grad!.abs().sum().item<float>() > 0);
    }
}
