using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Tests.Common;

public class ParallelRangesTests
{
    [Theory]
    [InlineData(0, 10)]
    [InlineData(5, 10)]
    [InlineData(1000, 10)]
    [InlineData(5400, 256)]
    [InlineData(58_320_000, 1 << 20)]
    public void Split_CoversTheCountOnceInOrder_WithRangesOfAtLeastTheMinimum(int count, int minimum)
    {
        var ranges = ParallelRanges.Split(count, minimum);
        Assert.True(ranges.Length <= 64);
        int next = 0;
        foreach (var (start, end) in ranges)
        {
            Assert.Equal(next, start);
            Assert.True(end > start);
            Assert.True(end - start >= Math.Min(minimum, count), $"range {start}..{end} shorter than {minimum}");
            next = end;
        }
        Assert.Equal(count, next);
    }

    [Fact]
    public void Map_ReturnsOneResultPerRange_InRangeOrder_AndForVisitsEveryItemOnce()
    {
        var results = ParallelRanges.Map(100_000, 1000, (start, end) => (start, end));
        Assert.Equal(ParallelRanges.Split(100_000, 1000), results);
        var visits = new int[100_000];
        ParallelRanges.For(visits.Length, 1000, (start, end) => { for (int i = start; i < end; i++) visits[i]++; });
        Assert.All(visits, v => Assert.Equal(1, v));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParallelRanges.Split(10, 0));
    }
}
