namespace GisBridge.Server.Jobs;

/// <summary>
/// The bytes of streamed raster data the whole server may hold at once, over all running calls. Data is reserved
/// as it arrives (a header alone reserves nothing), so a header that claims gigabytes costs nothing until they come,
/// and a stream that would pass the budget is refused with RESOURCE_EXHAUSTED naming the budget and its own size.
/// </summary>
public sealed class MemoryBudget(long capacityBytes)
{
    private long _used;

    public long CapacityBytes { get; } = capacityBytes > 0
        ? capacityBytes
        : throw new ArgumentOutOfRangeException(nameof(capacityBytes), "the memory budget must be positive");

    public long UsedBytes => Interlocked.Read(ref _used);

    /// <summary>Half of the memory this process may use (physical memory or the container's limit): the server
    /// runs beside QGIS, which needs the rest.</summary>
    public static long DefaultCapacityBytes() => Math.Max(256L << 20, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2);

    /// <summary>A lease for a stream declaring <paramref name="declaredBytes"/>; refused at once when that alone
    /// exceeds the whole budget, since it could never fit.</summary>
    public Lease Open(string what, long declaredBytes)
    {
        if (declaredBytes > CapacityBytes)
            throw new ResourceLimitException(
                $"{what} is {declaredBytes:N0} bytes; the server's memory budget is {CapacityBytes:N0} bytes " +
                "(send a smaller raster or start the server with a larger --memory-budget-mb)");
        return new Lease(this, what, declaredBytes);
    }

    private bool TryReserve(long bytes)
    {
        long used = Interlocked.Read(ref _used);
        while (true)
        {
            if (used + bytes > CapacityBytes) return false;
            long seen = Interlocked.CompareExchange(ref _used, used + bytes, used);
            if (seen == used) return true;
            used = seen;
        }
    }

    /// <summary>What one stream holds of the budget; grows with its data, released when disposed.</summary>
    public sealed class Lease(MemoryBudget budget, string what, long declaredBytes) : IDisposable
    {
        private long _held;

        public long HeldBytes => _held;

        /// <summary>Reserves <paramref name="bytes"/> more, or throws <see cref="ResourceLimitException"/>.</summary>
        public void Grow(long bytes)
        {
            if (bytes <= 0) return;
            if (!budget.TryReserve(bytes))
                throw new ResourceLimitException(
                    $"{what} needs {declaredBytes:N0} bytes; the server's memory budget of {budget.CapacityBytes:N0} bytes " +
                    $"has {Math.Max(0, budget.CapacityBytes - budget.UsedBytes):N0} bytes free (other calls hold the rest; " +
                    "retry later, send a smaller raster, or start the server with a larger --memory-budget-mb)");
            _held += bytes;
        }

        /// <summary>Gives back what is held beyond <paramref name="bytes"/> (e.g. received bytes once decoded).</summary>
        public void ShrinkTo(long bytes)
        {
            long extra = _held - Math.Max(0, bytes);
            if (extra <= 0) return;
            _held -= extra;
            Interlocked.Add(ref budget._used, -extra);
        }

        public void Dispose()
        {
            long held = Interlocked.Exchange(ref _held, 0);
            if (held > 0) Interlocked.Add(ref budget._used, -held);
        }
    }
}
