using System.Runtime;
using System.Runtime.InteropServices;

namespace GisBridge.Server.Jobs;

/// <summary>
/// Gives memory that finished jobs no longer use back to the operating system once no job is running, so that a
/// server left open for days in a QGIS session returns to its idle size after each large job (instead of keeping
/// the high-water mark of the largest raster it ever held). A compacting full GC releases the managed heap; glibc's
/// malloc_trim releases the native heap (libtorch, GDAL). It runs only when the resident set is above
/// <see cref="ThresholdBytes"/> or has grown by <see cref="GrowthBytes"/> over its size at the first idle check
/// or the last reclaim (a job that took 150 MB on a small server), at most once per <see cref="MinimumInterval"/>,
/// and only after the server has stayed idle (no job running or started) for <see cref="Delay"/>: a burst of jobs
/// keeps its warm memory (reclaiming between the round trips of the transfer benchmark cost a quarter of its
/// throughput).
/// </summary>
public sealed partial class MemoryReclaimer
{
    public long ThresholdBytes { get; init; } = 384L << 20;
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan MinimumInterval { get; init; } = TimeSpan.FromSeconds(2);
    public long GrowthBytes { get; init; } = 64L << 20;

    /// <summary>The process's resident set (tests replace it).</summary>
    internal Func<long> ResidentBytes { get; init; } = () => Environment.WorkingSet;

    private long _idleSize = -1; // resident set at the first idle check, then after each reclaim

    /// <summary>How the idle delay is waited (tests replace it to decide when each wait ends).</summary>
    internal Func<TimeSpan, Task> Wait { get; init; } = Task.Delay;

    private int _pending;
    private long _starts;
    private long _lastTicks = Environment.TickCount64 - 60_000;

    /// <summary>Number of reclaims done (for tests and logs).</summary>
    public int Reclaims { get; private set; }

    /// <summary>Called when a job takes a slot.</summary>
    public void OnJobStarted() => Interlocked.Increment(ref _starts);

    /// <summary>Called when the last running job ends; <paramref name="idle"/> tells whether none runs now.</summary>
    public void OnIdle(Func<bool> idle)
    {
        if (Interlocked.Exchange(ref _pending, 1) == 1)
            return; // a check is already waiting; it restarts its wait when jobs have started meanwhile
        _ = Task.Run(async () =>
        {
            try
            {
                long starts;
                do
                {
                    starts = Interlocked.Read(ref _starts);
                    await Wait(Delay);
                    if (!idle())
                        return; // that job's end schedules the next check
                }
                while (Interlocked.Read(ref _starts) != starts);
                long resident = ResidentBytes();
                if (_idleSize < 0)
                    _idleSize = resident;
                bool grown = resident > ThresholdBytes || resident > _idleSize + GrowthBytes;
                if (Environment.TickCount64 - _lastTicks >= MinimumInterval.TotalMilliseconds && grown)
                    Reclaim();
            }
            finally
            {
                Volatile.Write(ref _pending, 0);
            }
        });
    }

    /// <summary>Full compacting collection (large objects included) and, on glibc, malloc_trim.</summary>
    public void Reclaim()
    {
        _lastTicks = Environment.TickCount64;
        Streaming.ChunkBufferPool.Trim();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (OperatingSystem.IsLinux())
        {
            try
            {
                _ = malloc_trim(0);
            }
            catch (EntryPointNotFoundException) { } // not glibc (e.g. musl)
            catch (DllNotFoundException) { }
        }
        _idleSize = ResidentBytes();
        Reclaims++;
    }

    [LibraryImport("libc")]
    private static partial int malloc_trim(nuint pad);
}
