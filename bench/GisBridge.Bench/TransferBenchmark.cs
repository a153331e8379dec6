using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using GisBridge.Protocol.V1;

namespace GisBridge.Bench;

/// <summary>Sends a float32 raster through the RoundTrip RPC and checks that it comes back byte-identical.</summary>
public static class TransferBenchmark
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var (channel, app) = await args.ConnectAsync();
        var (width, height, bytes) = args.RandomRaster();
        var client = new ServerInfo.ServerInfoClient(channel);
        double best = double.MaxValue, first = 0;
        for (int i = 0; i < args.Repeat; i++)
        {
            var sw = Stopwatch.StartNew();
            var back = await RoundTripAsync(client, width, height, bytes);
            sw.Stop();
            if (!back.AsSpan().SequenceEqual(bytes))
            {
                Console.Error.WriteLine("FAIL: the raster came back different");
                return 1;
            }
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
            if (i == 0) first = sw.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"run {i + 1}: {sw.Elapsed.TotalSeconds:F3} s");
        }
        double mb = bytes.Length / 1e6;
        // One number per line, key=value, so that bench/run.sh can collect them.
        Console.WriteLine($"transfer_bytes={bytes.Length}");
        Console.WriteLine($"transfer_runs={args.Repeat}");
        Console.WriteLine($"transfer_roundtrip_first_s={first:F3}");
        Console.WriteLine($"transfer_roundtrip_s={best:F3}");
        Console.WriteLine($"transfer_gbps_each_way={2 * mb / best / 1000:F2}");
        Console.WriteLine("transfer_identical=true");
        channel.Dispose();
        if (app is not null) await app.StopAsync();
        return 0;
    }

    public static async Task<byte[]> RoundTripAsync(ServerInfo.ServerInfoClient client, int width, int height, byte[] bytes, CancellationToken ct = default)
    {
        using var call = client.RoundTrip(cancellationToken: ct);
        var back = new byte[bytes.Length];
        int rowBytes = width * 4;
        var reader = Task.Run(async () =>
        {
            await foreach (var e in call.ResponseStream.ReadAllAsync(ct))
                if (e.Data?.RasterChunk is { } c)
                    c.Data.Span.CopyTo(back.AsSpan(c.RowStart * rowBytes));
        }, ct);
        await call.RequestStream.WriteAsync(new RoundTripRequest { Options = new RoundTripOptions() }, ct);
        var header = new RasterHeader { Name = "input", Width = width, Height = height, BandCount = 1, DataType = RasterDataType.Float32 };
        header.Geotransform.AddRange([0, 1, 0, 0, 0, -1]);
        await call.RequestStream.WriteAsync(new RoundTripRequest { Data = new JobData { RasterHeader = header } }, ct);
        int rows = Math.Max(1, (1 << 20) / rowBytes);
        for (int r = 0; r < height; r += rows)
        {
            int n = Math.Min(rows, height - r);
            var chunk = new RasterChunk { Band = 0, RowStart = r, RowCount = n, Data = UnsafeByteOperations.UnsafeWrap(bytes.AsMemory(r * rowBytes, n * rowBytes)) };
            await call.RequestStream.WriteAsync(new RoundTripRequest { Data = new JobData { RasterChunk = chunk } }, ct);
        }
        await call.RequestStream.CompleteAsync();
        await reader;
        return back;
    }
}
