using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using GisBridge.Protocol.V1;

namespace GisBridge.Bench;

/// <summary>
/// Sends a float32 raster through the RoundTrip RPC and checks that it comes back byte-identical. The server echoes
/// only once it has the whole raster, so the first message back splits the round trip into upload and download.
/// </summary>
public static class TransferBenchmark
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var (channel, app) = await args.ConnectAsync();
        var (width, height, bytes) = args.RandomRaster();
        var client = new ServerInfo.ServerInfoClient(channel);
        var back = new byte[bytes.Length];  // reused: a client writes into the buffer it already has
        int chunkBytes = args.ChunkMegabytes << 20;
        double best = double.MaxValue, first = 0, bestUp = double.MaxValue, bestDown = double.MaxValue, cpu = 0;
        for (int i = 0; i < args.Repeat; i++)
        {
            Array.Clear(back);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var t = await RoundTripAsync(client, width, height, bytes, back, chunkBytes);
            var cpuRun = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            if (!back.AsSpan().SequenceEqual(bytes))
            {
                Console.Error.WriteLine("FAIL: the raster came back different");
                return 1;
            }
            if (i == 0) first = t.Total;
            else cpu += cpuRun;
            best = Math.Min(best, t.Total);
            bestUp = Math.Min(bestUp, t.Up);
            bestDown = Math.Min(bestDown, t.Down);
            Console.Error.WriteLine($"run {i + 1}: {t.Total:F3} s (up {t.Up:F3}, down {t.Down:F3}; client CPU {cpuRun:F3} s)");
        }
        double gb = bytes.Length / 1e9;
        // One number per line, key=value, so that bench/run.sh can collect them.
        Console.WriteLine($"transfer_bytes={bytes.Length}");
        Console.WriteLine($"transfer_chunk_bytes={chunkBytes}");
        Console.WriteLine($"transfer_runs={args.Repeat}");
        Console.WriteLine($"transfer_roundtrip_first_s={first:F3}");
        Console.WriteLine($"transfer_roundtrip_s={best:F3}");
        Console.WriteLine($"transfer_gbps_each_way={2 * gb / best:F2}");
        Console.WriteLine($"transfer_up_gbps={gb / bestUp:F2}");
        Console.WriteLine($"transfer_down_gbps={gb / bestDown:F2}");
        if (args.Repeat > 1) Console.WriteLine($"transfer_client_cpu_s_per_roundtrip={cpu / (args.Repeat - 1):F3}");
        Console.WriteLine("transfer_identical=true");
        channel.Dispose();
        if (app is not null) await app.StopAsync();
        return 0;
    }

    public readonly record struct Timing(double Up, double Down, double Total);

    public static async Task<byte[]> RoundTripAsync(ServerInfo.ServerInfoClient client, int width, int height, byte[] bytes, CancellationToken ct = default)
    {
        var back = new byte[bytes.Length];
        await RoundTripAsync(client, width, height, bytes, back, 1 << 20, ct);
        return back;
    }

    /// <summary>One round trip into <paramref name="back"/>: chunks are copied straight to their rows, no other buffer.</summary>
    public static async Task<Timing> RoundTripAsync(
        ServerInfo.ServerInfoClient client, int width, int height, byte[] bytes, byte[] back, int chunkBytes, CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        double firstBack = -1;
        using var call = client.RoundTrip(cancellationToken: ct);
        int rowBytes = width * 4;
        var reader = Task.Run(async () =>
        {
            await foreach (var e in call.ResponseStream.ReadAllAsync(ct))
            {
                if (firstBack < 0) firstBack = sw.Elapsed.TotalSeconds;
                if (e.Data?.RasterChunk is { } c)
                    c.Data.Span.CopyTo(back.AsSpan(c.RowStart * rowBytes));
            }
        }, ct);
        await call.RequestStream.WriteAsync(new RoundTripRequest { Options = new RoundTripOptions() }, ct);
        var header = new RasterHeader { Name = "input", Width = width, Height = height, BandCount = 1, DataType = RasterDataType.Float32 };
        header.Geotransform.AddRange([0, 1, 0, 0, 0, -1]);
        await call.RequestStream.WriteAsync(new RoundTripRequest { Data = new JobData { RasterHeader = header } }, ct);
        int rows = Math.Max(1, chunkBytes / rowBytes);
        for (int r = 0; r < height; r += rows)
        {
            int n = Math.Min(rows, height - r);
            // Wrapped, not copied: the only copy on the way out is protobuf's into the HTTP/2 stream.
            var chunk = new RasterChunk { Band = 0, RowStart = r, RowCount = n, Data = UnsafeByteOperations.UnsafeWrap(bytes.AsMemory(r * rowBytes, n * rowBytes)) };
            await call.RequestStream.WriteAsync(new RoundTripRequest { Data = new JobData { RasterChunk = chunk } }, ct);
        }
        await call.RequestStream.CompleteAsync();
        await reader;
        double total = sw.Elapsed.TotalSeconds;
        return new Timing(firstBack, total - firstBack, total);
    }
}
