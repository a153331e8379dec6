using GisBridge.Server.Hosting;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Tests.Lithology;

/// <summary>
/// Regression for the random NaN of the U-Net training: with oneDNN on, libtorch-cpu 2.10's convolutions read
/// uninitialised channel padding, so NaN left in freed buffers came back in outputs and weight gradients (27 to 50
/// of 50 repetitions were NaN before the guard; 20 of 20 here). The buffers are poisoned with NaN on purpose before each run.
/// </summary>
public class ConvolutionDeterminismTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(24, 8, 16)] // the U-Net's first up-block convolution (Tiny config)
    public void ConvolutionIgnoresWhatFreedBuffersHeld(int inChannels, int outChannels, int size)
    {
        Assert.True(OneDnnConvolutionGuard.IsApplied); // by the test run's set-up (Support/TorchProcessSetup.cs), as the server does
        random.manual_seed(1);
        using var x = randn(2, inChannels, size, size);
        using var w = randn(outChannels, inChannels, 3, 3);
        float[]? firstOut = null, firstGrad = null;
        int nonFinite = 0, differing = 0;
        const int reps = 20;
        for (int rep = 0; rep < reps; rep++)
        {
            PoisonFreedMemory(2 * Math.Max(inChannels, outChannels) * 9 * size * size);
            using var scope = NewDisposeScope();
            var xi = x.detach().requires_grad_(true);
            var wi = w.detach().requires_grad_(true);
            var y = nn.functional.conv2d(xi, wi, padding: [1, 1]);
            y.sum().backward();
            var yOut = y.detach().data<float>().ToArray();
            var grad = wi.grad!.data<float>().ToArray();
            if (yOut.Any(v => !float.IsFinite(v)) || grad.Any(v => !float.IsFinite(v))) nonFinite++;
            firstOut ??= yOut;
            firstGrad ??= grad;
            if (!yOut.AsSpan().SequenceEqual(firstOut) || !grad.AsSpan().SequenceEqual(firstGrad)) differing++;
        }
        output.WriteLine($"conv {inChannels}->{outChannels} at {size}x{size}: {nonFinite}/{reps} non-finite, {differing}/{reps} not bit-identical");
        Assert.Equal(0, nonFinite);
        Assert.Equal(0, differing);
    }

    /// <summary>Allocates and frees NaN-filled buffers of many sizes so that the allocator hands them out next.</summary>
    private static void PoisonFreedMemory(long largest)
    {
        var buffers = Enumerable.Range(1, 64).Select(k => full(new long[] { k * 256 }, float.NaN))
            .Append(full(new long[] { largest }, float.NaN)).ToList();
        foreach (var b in buffers) b.Dispose();
    }
}
