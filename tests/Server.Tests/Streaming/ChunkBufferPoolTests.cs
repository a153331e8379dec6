using GisBridge.Server.Streaming;

namespace GisBridge.Server.Tests.Streaming;

public class ChunkBufferPoolTests
{
    [Theory]
    [InlineData(1, 1)]                 // below the smallest bucket: exact, not pooled
    [InlineData(4095, 4095)]
    [InlineData(4096, 4096)]
    [InlineData(4097, 8192)]
    [InlineData(1_044_480, 1 << 20)]   // 255 rows of 5120 float32 cells, the clients' usual chunk
    [InlineData(1 << 20, 1 << 20)]
    [InlineData((16 << 20) + 1, (16 << 20) + 1)]  // past the largest bucket: exact, not pooled
    public void ArraysAreTheNextPowerOfTwo(int length, long size)
    {
        Assert.Equal(size, ChunkBufferPool.SizeFor(length));
        var array = ChunkBufferPool.Rent(length);
        Assert.Equal(size, array.Length);
        ChunkBufferPool.Return(array);
    }

    [Fact]
    public void AReturnedArrayIsRentedAgainUntilTrimmed()
    {
        const int odd = 3 << 20;  // a 4 MiB bucket no other test uses
        var first = ChunkBufferPool.Rent(odd);
        ChunkBufferPool.Return(first);
        var second = ChunkBufferPool.Rent(odd);
        Assert.Same(first, second);
        ChunkBufferPool.Return(second);
        ChunkBufferPool.Trim();
        Assert.NotSame(first, ChunkBufferPool.Rent(odd));
    }
}
