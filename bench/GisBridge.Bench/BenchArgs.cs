using Grpc.Net.Client;
using GisBridge.Server.Hosting;
using Microsoft.AspNetCore.Builder;

namespace GisBridge.Bench;

/// <summary>Command-line settings shared by the benchmarks.</summary>
public sealed record BenchArgs(int Megabytes, int Repeat, int Requests, int Clients, int Seed, string? Address, int MaxJobs, int ChunkMegabytes)
{
    public static BenchArgs Parse(string[] args)
    {
        string? Get(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Get(name) is string s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : fallback;
        return new BenchArgs(Int("--mb", 100), Int("--repeat", 3), Int("--requests", 10_000), Int("--clients", 8), Int("--seed", 1),
            Get("--address"), Int("--max-jobs", 2), Int("--chunk-mb", 1));
    }

    /// <summary>A float32 raster of about --mb megabytes (5120 columns) filled with seeded random bytes.</summary>
    public (int Width, int Height, byte[] Bytes) RandomRaster()
    {
        int width = 5120, height = Math.Max(1, (int)((long)Megabytes * 1024 * 1024 / (width * 4)));
        var bytes = new byte[(long)width * height * 4];
        new Random(Seed).NextBytes(bytes);
        return (width, height, bytes);
    }

    /// <summary>A channel to the given server, or to an in-process one started for the run.</summary>
    public async Task<(GrpcChannel Channel, WebApplication? App)> ConnectAsync()
    {
        WebApplication? app = null;
        var address = Address;
        if (address is null)
        {
            app = ServerHost.Build(new ServerOptions { Port = 0, MaxConcurrentJobs = MaxJobs });
            await app.StartAsync();
            address = app.Urls.First();
        }
        var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = 16 << 20,
            MaxSendMessageSize = 16 << 20,
            HttpHandler = new SocketsHttpHandler { InitialHttp2StreamWindowSize = 8 << 20, EnableMultipleHttp2Connections = true },
        });
        return (channel, app);
    }
}
