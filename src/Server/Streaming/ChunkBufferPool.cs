using System.Collections.Concurrent;
using System.Numerics;

namespace GisBridge.Server.Streaming;

/// <summary>
/// Reused arrays that received chunk bytes are copied into, so that each stream's data lands in memory that is
/// already mapped: protobuf's own array for a chunk dies at once and its space is reused, instead of every large
/// transfer first-touching fresh pages (most of a transfer's page faults). Buckets are powers of two from 4 KiB
/// (smaller chunks get arrays of their own size, so that tiny chunks are not charged 4 KiB each); at most <see cref="RetainBytes"/> are kept, and <see cref="Trim"/> (called when the server reclaims memory after
/// its jobs) lets them all go.
/// </summary>
public static class ChunkBufferPool
{
    private const int MinShift = 12, MaxShift = 24;  // 4 KiB .. 16 MiB
    private static readonly ConcurrentStack<byte[]>[] Buckets =
        Enumerable.Range(0, MaxShift - MinShift + 1).Select(_ => new ConcurrentStack<byte[]>()).ToArray();
    private static long _retained;

    public static long RetainBytes { get; set; } = 512L << 20;

    /// <summary>Bytes an array for <paramref name="length"/> bytes occupies (what the memory budget is charged).</summary>
    public static long SizeFor(int length) =>
        length > 1 << MaxShift || length < 1 << MinShift ? length : 1L << (32 - BitOperations.LeadingZeroCount((uint)length - 1));

    public static byte[] Rent(int length)
    {
        if (length > 1 << MaxShift || length < 1 << MinShift) return GC.AllocateUninitializedArray<byte>(length);
        int size = (int)SizeFor(length);
        if (Buckets[Shift(size)].TryPop(out var array))
        {
            Interlocked.Add(ref _retained, -array.Length);
            return array;
        }
        return GC.AllocateUninitializedArray<byte>(size);
    }

    public static void Return(byte[] array)
    {
        if (array.Length > 1 << MaxShift || !BitOperations.IsPow2(array.Length) || array.Length < 1 << MinShift) return;
        if (Interlocked.Add(ref _retained, array.Length) > RetainBytes)
        {
            Interlocked.Add(ref _retained, -array.Length);
            return;
        }
        Buckets[Shift(array.Length)].Push(array);
    }

    public static void Trim()
    {
        foreach (var bucket in Buckets)
            while (bucket.TryPop(out var array)) Interlocked.Add(ref _retained, -array.Length);
    }

    private static int Shift(int pow2) => BitOperations.Log2((uint)pow2) - MinShift;
}
