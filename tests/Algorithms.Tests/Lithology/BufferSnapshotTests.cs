using GisBridge.Algorithms.Lithology.Network;
using GisBridge.Algorithms.Lithology.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Tests.Lithology;

public class BufferSnapshotTests
{
    [Fact]
    public void RestoreUndoesTheRunningStatisticsOfASkippedForward()
    {
        using var net = NetworkFactory.Create("unet", 3, 4, NetworkConfig.Tiny, seed: 2);
        net.train();
        float[][] Buffers() => net.buffers().Select(b => b.to_type(ScalarType.Float64).cpu().data<double>().Select(v => (float)v).ToArray()).ToArray();
        var before = Buffers();
        using var snapshot = new BufferSnapshot(net);
        using (NewDisposeScope())
        {
            random.manual_seed(3);
            net.forward(randn(2, 3, 16, 16) * 5 + 1); // train mode: BN running mean / var / count move
        }
        var moved = Buffers();
        Assert.Contains(Enumerable.Range(0, before.Length), i => !moved[i].SequenceEqual(before[i]));
        snapshot.Restore();
        var restored = Buffers();
        Assert.All(Enumerable.Range(0, before.Length), i => Assert.Equal(before[i], restored[i]));
    }
}
