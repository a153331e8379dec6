using GisBridge.Algorithms.Common;
using TorchSharp;

namespace GisBridge.Algorithms.Tests.Common;

public class LargeArraysTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(5_000_000)] // above the advice threshold (8 MB)
    public void Zeroed_IsAllZeroAndOfTheLength(long length)
    {
        var a = LargeArrays.Zeroed(length);
        Assert.Equal(length, a.LongLength);
        Assert.True(a.AsSpan().IndexOfAnyExcept(0f) < 0);
    }

    [Fact]
    public void Floats_HoldsWhatIsWritten()
    {
        var a = LargeArrays.Floats(3_000_000);
        for (int i = 0; i < a.Length; i++) a[i] = i;
        Assert.Equal(2_999_999f, a[^1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => LargeArrays.Floats(-1));
    }

    [Fact]
    public void AdvisingATensor_LeavesItsValues()
    {
        using var t = torch.arange(0, 4_000_000, dtype: torch.ScalarType.Float32);
        LargeArrays.Advise(t);
        Assert.Equal(3_999_999f, t[3_999_999].item<float>());
    }

    [Fact]
    public async Task PopulateInBackground_LeavesWhatTheCallerWritesMeanwhile()
    {
        // 64 MB written front to back while the background populate runs over the same pages.
        var a = LargeArrays.Floats(16_000_000);
        var populating = LargeArrays.PopulateInBackground(a);
        for (int i = 0; i < a.Length; i++) a[i] = i % 1000;
        await populating;
        for (int i = 0; i < a.Length; i++)
            if (a[i] != i % 1000) Assert.Fail($"cell {i} is {a[i]}, written {i % 1000}");
    }
}
