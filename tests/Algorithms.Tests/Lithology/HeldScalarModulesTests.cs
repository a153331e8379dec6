using GisBridge.Algorithms.Lithology.Network;
using GisBridge.Algorithms.Lithology.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Tests.Lithology;

/// <summary>The held-Scalar batch norm and optimisers compute exactly what TorchSharp's own do (they differ only in
/// how numbers reach libtorch), step for step, bit for bit.</summary>
public class HeldScalarModulesTests
{
    [Fact]
    public void BatchNormMatchesTorchSharpsInTrainingAndEvaluation()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(3);
        var ours = new HeldScalarBatchNorm2d(4);
        var theirs = nn.BatchNorm2d(4);
        using (no_grad())
        {
            var w = torch.randn(4);
            ours.weight.copy_(w);
            theirs.weight.copy_(w);
        }
        for (int step = 0; step < 3; step++)
        {
            var x = torch.randn(2, 4, 5, 6);
            ours.train();
            theirs.train();
            AssertSame(theirs.forward(x), ours.forward(x));
            AssertSame(theirs.running_mean!, ours.running_mean!);
            AssertSame(theirs.running_var!, ours.running_var!);
            Assert.Equal(theirs.num_batches_tracked!.item<long>(), ours.num_batches_tracked!.item<long>());
            ours.eval();
            theirs.eval();
            AssertSame(theirs.forward(x), ours.forward(x));
        }
        Assert.Equal(3, ours.num_batches_tracked!.item<long>());
        Assert.Equal(theirs.state_dict().Keys.Order(), ours.state_dict().Keys.Order());
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("sgd")]
    public void OptimiserStepsMatchTorchSharpsBitForBit(string kind)
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(5);
        var start = torch.randn(3, 7);
        var ours = nn.Parameter(start.clone());
        var theirs = nn.Parameter(start.clone());
        torch.optim.Optimizer mine = kind == "adam" ? new HeldScalarAdam([ours], 0.01) : new HeldScalarSgd([ours], 0.05, 0.9, 1e-3);
        torch.optim.Optimizer reference = kind == "adam"
            ? torch.optim.Adam([theirs], 0.01)
            : torch.optim.SGD([theirs], 0.05, momentum: 0.9, weight_decay: 1e-3);
        for (int step = 0; step < 6; step++)
        {
            var target = torch.randn(3, 7);
            foreach (var (p, o) in new[] { (ours, mine), (theirs, reference) })
            {
                o.zero_grad();
                (p - target).pow(3).abs().sum().backward();
                o.step();
            }
            AssertSame(theirs, ours);
        }
        Assert.False(start.eq(ours).all().item<bool>()); // the steps moved the parameter
    }

    private static void AssertSame(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        if (!expected.eq(actual).all().item<bool>())
            Assert.Fail($"max |difference| {(expected - actual).abs().max().item<float>()}");
    }
}
