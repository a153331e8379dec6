using GisBridge.Algorithms.Common;
using TorchSharp;

namespace GisBridge.Algorithms.Tests.Common;

public class TorchRuntimeTests
{
    [Fact]
    public void TorchSharpLoadsAndMultipliesTensors()
    {
        using var a = torch.tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        using var b = torch.tensor(new float[] { 5, 6, 7, 8 }).reshape(2, 2);
        using var c = torch.matmul(a, b);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, c.data<float>().ToArray());
    }

    [Fact]
    public void UnknownDeviceIsRefusedWithItsName()
    {
        var e = Assert.Throws<ArgumentException>(() => TorchRuntime.ResolveDevice("tpu"));
        Assert.Contains("tpu", e.Message);
    }

    [Fact]
    public void CpuResolves() => Assert.Equal(DeviceType.CPU, TorchRuntime.ResolveDevice("cpu").type);
}
