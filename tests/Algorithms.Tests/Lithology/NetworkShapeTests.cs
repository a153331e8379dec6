using GisBridge.Algorithms.Lithology.Network;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Tests.Lithology;

public class NetworkShapeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(32, 32)]
    [InlineData(37, 45)]
    public void EncoderGivesHalfQuarterEighth(int h, int w)
    {
        using var scope = NewDisposeScope();
        using var enc = new GgmnetEncoder(3, [4, 8, 12]);
        var f = enc.forward(randn(2, 3, h, w));
        Assert.Equal(new long[] { 2, 4, (h + 1) / 2, (w + 1) / 2 }, f[0].shape);
        Assert.Equal(new long[] { 2, 8, (h + 3) / 4, (w + 3) / 4 }, f[1].shape);
        Assert.Equal(new long[] { 2, 12, (h + 7) / 8, (w + 7) / 8 }, f[2].shape);
    }

    [Theory]
    [InlineData("conv")]
    [InlineData("conv2")]
    [InlineData("zoomed_conv")]
    [InlineData("zoomed_conv2")]
    [InlineData("skip")]
    public void EveryOperatorKeepsOrHalvesTheSize(string op)
    {
        using var scope = NewDisposeScope();
        using var same = new MrfemLayer(op, 6, 6, 1, residual: true);
        Assert.Equal(new long[] { 1, 6, 9, 7 }, same.forward(randn(1, 6, 9, 7)).shape);
        using var down = new MrfemLayer(op, 6, 8, 2, residual: true);
        Assert.Equal(new long[] { 1, 8, 5, 4 }, down.forward(randn(1, 6, 9, 7)).shape);
    }

    [Fact]
    public void MrfemBranchesAreAtEighthSixteenthThirtySecond()
    {
        using var scope = NewDisposeScope();
        var g = DefaultGenotype.Create().Truncate(2);
        using var m = new MultiResolutionModule(g, 8, 2, residual: true);
        var outs = m.forward(randn(1, 8, 8, 8)); // a 64x64 input at 1/8
        Assert.Equal(new long[] { 1, m.OutChannels[0], 8, 8 }, outs[0].shape);
        Assert.Equal(new long[] { 1, m.OutChannels[1], 4, 4 }, outs[1].shape);
        Assert.Equal(new long[] { 1, m.OutChannels[2], 2, 2 }, outs[2].shape);
    }

    [Fact]
    public void ArmAndFfmShapes()
    {
        using var scope = NewDisposeScope();
        using var arm = new AttentionRefinementModule(6, 10);
        Assert.Equal(new long[] { 1, 10, 4, 5 }, arm.forward(randn(1, 6, 4, 5)).shape);
        using var ffm = new FeatureFusionModule(12, 7);
        Assert.Equal(new long[] { 2, 7, 4, 5 }, ffm.forward([randn(2, 5, 4, 5), randn(2, 7, 4, 5)]).shape);
    }

    [Theory]
    [InlineData("ggmnet", 32, 32)]
    [InlineData("ggmnet", 30, 41)]
    [InlineData("unet", 32, 32)]
    [InlineData("unet", 30, 41)]
    public void NetworksGiveLogitsAtInputSize(string arch, int h, int w)
    {
        using var scope = NewDisposeScope();
        using var net = NetworkFactory.Create(arch, 3, 5, NetworkConfig.Tiny, seed: 1);
        var y = net.forward(randn(2, 3, h, w));
        Assert.Equal(new long[] { 2, 5, h, w }, y.shape);
        output.WriteLine($"{arch}: {net.ParameterCount()} parameters (tiny config)");
    }

    [Fact]
    public void DefaultGgmnetHasDepth22AndBuilds()
    {
        using var scope = NewDisposeScope();
        var cfg = new NetworkConfig();
        Assert.Equal(22, cfg.ResolveGenotype().Depth);
        using var net = NetworkFactory.Create("ggmnet", 1, 10, cfg);
        output.WriteLine($"default GGMNet: {net.ParameterCount() / 1e6:F2} M parameters");
        using var small = NetworkFactory.Create("ggmnet", 3, 10, NetworkConfig.CpuSmall);
        output.WriteLine($"CPU-small GGMNet: {small.ParameterCount() / 1e6:F3} M parameters");
        Assert.True(net.ParameterCount() > small.ParameterCount());
    }

    [Fact]
    public void WrongChannelCountAndUnknownArchAreRefused()
    {
        using var scope = NewDisposeScope();
        using var net = NetworkFactory.Create("unet", 3, 4, NetworkConfig.Tiny);
        var e = Assert.Throws<ArgumentException>(() => net.forward(randn(1, 2, 16, 16)));
        Assert.Contains("3 input channels", e.Message);
        var u = Assert.Throws<ArgumentException>(() => NetworkFactory.Create("segformer", 3, 4));
        Assert.Contains("segformer", u.Message);
    }
}
