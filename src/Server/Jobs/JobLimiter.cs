using GisBridge.Server.Hosting;

namespace GisBridge.Server.Jobs;

/// <summary>Bounds the jobs that run at once; the others wait in arrival order and are told they are queued. When the
/// last running job ends, the optional <see cref="MemoryReclaimer"/> is told that the server is idle.</summary>
public sealed class JobLimiter(ServerOptions options, MemoryReclaimer? reclaimer = null)
{
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrentJobs, options.MaxConcurrentJobs);

    public int Capacity { get; } = options.MaxConcurrentJobs;
    public int Running => Capacity - _slots.CurrentCount;

    /// <summary>Takes a slot; calls <paramref name="onQueued"/> once when it has to wait for one.</summary>
    public async Task<IDisposable> EnterAsync(Func<Task> onQueued, CancellationToken ct)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            await onQueued();
            await _slots.WaitAsync(ct);
        }
        reclaimer?.OnJobStarted();
        return new Slot(this);
    }

    private void Release()
    {
        _slots.Release();
        if (reclaimer is not null && Running == 0)
            reclaimer.OnIdle(() => Running == 0);
    }

    private sealed class Slot(JobLimiter limiter) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) limiter.Release();
        }
    }
}
