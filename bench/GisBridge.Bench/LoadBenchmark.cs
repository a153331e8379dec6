using System.Diagnostics;
using GisBridge.Protocol.V1;

namespace GisBridge.Bench;

/// <summary>Several clients send large rasters at once; reports wall time, per-client latency and peak memory.</summary>
public static class LoadBenchmark
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var (channel, app) = await args.ConnectAsync();
        var (width, height, bytes) = args.RandomRaster();
        var client = new ServerInfo.ServerInfoClient(channel);
        long peak = 0;
        using var sampler = new Timer(_ => peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64), null, 0, 50);
        var sw = Stopwatch.StartNew();
        var latencies = await Task.WhenAll(Enumerable.Range(0, args.Clients).Select(async _ =>
        {
            var t = Stopwatch.StartNew();
            var back = await TransferBenchmark.RoundTripAsync(client, width, height, bytes);
            if (!back.AsSpan().SequenceEqual(bytes)) throw new InvalidOperationException("a raster came back different");
            return t.Elapsed.TotalSeconds;
        }));
        sw.Stop();
        Console.WriteLine($"load_clients={args.Clients}");
        Console.WriteLine($"load_mb_each={bytes.Length / 1e6:F0}");
        Console.WriteLine($"load_wall_s={sw.Elapsed.TotalSeconds:F2}");
        Console.WriteLine($"load_latency_max_s={latencies.Max():F2}");
        Console.WriteLine($"load_peak_rss_mb={peak / 1e6:F0} (client and in-process server together)");
        channel.Dispose();
        if (app is not null) await app.StopAsync();
        return 0;
    }
}
