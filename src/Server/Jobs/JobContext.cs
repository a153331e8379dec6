using GisBridge.Protocol.V1;

namespace GisBridge.Server.Jobs;

/// <summary>What a running job may use: cancellation, progress reporting and a private work folder.</summary>
public sealed class JobContext : IDisposable
{
    private readonly Action<Progress> _report;
    private readonly List<IDisposable> _held = [];

    public JobContext(CancellationToken cancellation, Action<Progress> report, string workRoot)
    {
        Cancellation = cancellation;
        _report = report;
        WorkDir = Path.Combine(workRoot, "gisbridge-job-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(WorkDir);
    }

    public CancellationToken Cancellation { get; }

    /// <summary>A private folder for inputs saved from streams and outputs produced; removed with the context.</summary>
    public string WorkDir { get; }

    public void Report(double fraction, string stage, string message) =>
        _report(new Progress { Fraction = Math.Clamp(fraction, 0, 1), Stage = stage, Message = message });

    /// <summary>An algorithm-side progress sink that maps 0..1 onto [from, to] of the whole job.</summary>
    public IProgress<(double Fraction, string Stage)> Stage(double from, double to) =>
        new StageProgress(this, from, to);

    /// <summary>Keeps <paramref name="resource"/> (e.g. an input's memory-budget lease) until the job ends.</summary>
    public void Hold(IDisposable resource)
    {
        lock (_held) _held.Add(resource);
    }

    public void Dispose()
    {
        lock (_held)
        {
            foreach (var r in _held) r.Dispose();
            _held.Clear();
        }
        try
        {
            if (Directory.Exists(WorkDir)) Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing writer; the OS temp cleaner removes it later.
        }
    }

    private sealed class StageProgress(JobContext owner, double from, double to) : IProgress<(double Fraction, string Stage)>
    {
        public void Report((double Fraction, string Stage) value) =>
            owner.Report(from + (to - from) * Math.Clamp(value.Fraction, 0, 1), value.Stage, value.Stage);
    }
}
