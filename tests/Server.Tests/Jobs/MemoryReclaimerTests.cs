using System.Runtime.InteropServices;
using GisBridge.Server.Hosting;
using GisBridge.Server.Jobs;
using Xunit.Abstractions;

namespace GisBridge.Server.Tests.Jobs;

/// <summary>Resident-set figures are process-wide: these tests run alone, not beside other test classes.</summary>
[CollectionDefinition(nameof(MemoryReclaimerTests), DisableParallelization = true)]
public sealed class MemoryReclaimerCollection;

/// <summary>Memory that finished jobs held goes back to the system once the server is idle.</summary>
[Collection(nameof(MemoryReclaimerTests))]
public class MemoryReclaimerTests(ITestOutputHelper output)
{
    [Fact]
    public void Reclaim_ReturnsFreedNativeAndManagedMemory()
    {
        var reclaimer = new MemoryReclaimer();
        long before = Environment.WorkingSet;
        // Native: many small blocks (the heap, not mmap), as libtorch and GDAL leave behind; managed: a large array.
        var blocks = new nint[40_000];
        for (int i = 0; i < blocks.Length; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(8000);
            unsafe { new Span<byte>((void*)blocks[i], 8000).Fill(1); }
        }
        var managed = new byte[200 << 20];
        managed.AsSpan().Fill(1);
        long peak = Environment.WorkingSet;
        // The last block stays allocated, so glibc cannot simply lower the heap top: only malloc_trim returns the rest.
        for (int i = 0; i < blocks.Length - 1; i++) Marshal.FreeHGlobal(blocks[i]);
        GC.KeepAlive(managed);
        managed = null;
        reclaimer.Reclaim();
        long after = Environment.WorkingSet;
        Marshal.FreeHGlobal(blocks[^1]);
        output.WriteLine($"resident: before {before >> 20} MB, peak {peak >> 20} MB, after reclaim {after >> 20} MB");
        Assert.True(peak - after > 300L << 20, $"only {(peak - after) >> 20} MB of ~500 MB came back");
    }

    [Fact]
    public async Task LastJobEnding_TriggersAReclaim_OnlyWhenIdle()
    {
        var reclaimer = new MemoryReclaimer { ThresholdBytes = 0, Delay = TimeSpan.Zero, MinimumInterval = TimeSpan.Zero };
        var limiter = new JobLimiter(new ServerOptions { MaxConcurrentJobs = 2 }, reclaimer);
        var first = await limiter.EnterAsync(() => Task.CompletedTask, CancellationToken.None);
        var second = await limiter.EnterAsync(() => Task.CompletedTask, CancellationToken.None);
        first.Dispose();
        await Task.Delay(300);
        Assert.Equal(0, reclaimer.Reclaims); // a job is still running
        second.Dispose();
        for (int i = 0; i < 50 && reclaimer.Reclaims == 0; i++) await Task.Delay(100);
        Assert.Equal(1, reclaimer.Reclaims);
    }

    [Fact]
    public async Task ABurstOfJobs_KeepsItsMemory_UntilTheServerHasBeenIdleForTheDelay()
    {
        // The test decides when each idle wait ends, so the order of events does not depend on the machine's load.
        var waits = new System.Collections.Concurrent.ConcurrentQueue<TaskCompletionSource>();
        var reclaimer = new MemoryReclaimer
        {
            ThresholdBytes = 0, MinimumInterval = TimeSpan.Zero,
            Wait = _ => { var w = new TaskCompletionSource(); waits.Enqueue(w); return w.Task; },
        };
        var limiter = new JobLimiter(new ServerOptions { MaxConcurrentJobs = 1 }, reclaimer);
        (await limiter.EnterAsync(() => Task.CompletedTask, CancellationToken.None)).Dispose(); // idle: a check waits
        var first = await Next(waits);
        (await limiter.EnterAsync(() => Task.CompletedTask, CancellationToken.None)).Dispose(); // the burst goes on
        first.SetResult(); // the first wait ends: a job started meanwhile, so the check waits again
        var second = await Next(waits);
        Assert.Equal(0, reclaimer.Reclaims);
        second.SetResult(); // a whole quiet delay: now it reclaims
        for (int i = 0; i < 100 && reclaimer.Reclaims == 0; i++) await Task.Delay(50);
        Assert.Equal(1, reclaimer.Reclaims);
        Assert.Empty(waits);
    }

    [Fact]
    public async Task AJobThatGrewTheServerWellBelowTheThreshold_IsReclaimed_ButSmallGrowthIsNot()
    {
        long resident = 220L << 20;
        var reclaimer = new MemoryReclaimer
        {
            ThresholdBytes = 384L << 20, GrowthBytes = 64L << 20, Delay = TimeSpan.Zero, MinimumInterval = TimeSpan.Zero,
            ResidentBytes = () => resident,
        };
        var limiter = new JobLimiter(new ServerOptions { MaxConcurrentJobs = 1 }, reclaimer);
        async Task RunJobAndSettle(long residentAfter)
        {
            resident = residentAfter;
            (await limiter.EnterAsync(() => Task.CompletedTask, CancellationToken.None)).Dispose();
            await Task.Delay(300); // the idle check runs at once (no delay)
        }
        await RunJobAndSettle(220L << 20);   // the first idle check notes the idle size
        await RunJobAndSettle(260L << 20);   // +40 MB: kept
        Assert.Equal(0, reclaimer.Reclaims);
        await RunJobAndSettle(374L << 20);   // +154 MB, still under the threshold: reclaimed
        for (int i = 0; i < 50 && reclaimer.Reclaims == 0; i++) await Task.Delay(50);
        Assert.Equal(1, reclaimer.Reclaims);
    }

    private static async Task<TaskCompletionSource> Next(System.Collections.Concurrent.ConcurrentQueue<TaskCompletionSource> waits)
    {
        for (int i = 0; i < 200; i++)
        {
            if (waits.TryDequeue(out var w)) return w;
            await Task.Delay(25);
        }
        throw new TimeoutException("the reclaimer never started its idle wait");
    }
}
