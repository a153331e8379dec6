using Grpc.Core;
using Grpc.Health.V1;
using GisBridge.Protocol.V1;
using GisBridge.Server.Hosting;
using GisBridge.Server.Info;
using GisBridge.Server.Streaming;
using GisBridge.Server.Tests.Support;
using static GisBridge.Server.Tests.Support.RasterStreams;
using static GisBridge.Server.Tests.Support.RoundTripClient;

namespace GisBridge.Server.Tests.Hosting;

public sealed class ServerHostTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task HealthCheckSaysServing()
    {
        var health = new Health.HealthClient(_server.Channel);
        var reply = await health.CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task InfoReportsVersionsAndProtocol()
    {
        var info = await new ServerInfo.ServerInfoClient(_server.Channel).GetInfoAsync(new GetInfoRequest());
        output.WriteLine(info.ToString());
        Assert.Equal(ServerInfoProvider.ProtocolVersion, info.ProtocolVersion);
        Assert.False(string.IsNullOrEmpty(info.ServerVersion));
        Assert.Equal("cpu", info.TorchDevice);
    }

    [Fact]
    public async Task RasterComesBackByteIdentical()
    {
        int w = 1024, h = 1024;  // 4 MB float32, 2 bands
        var header = Header(w, h, RasterDataType.Float32, bands: 2);
        var bands = new[] { RandomBytes(w * h * 4, 7), RandomBytes(w * h * 4, 8) };
        var requests = new List<RoundTripRequest> { Options(), Data(header) };
        for (int b = 0; b < 2; b++)
            for (int row = 0; row < h; row += 200)
            {
                int n = Math.Min(200, h - row);
                requests.Add(Data(Chunk(b, row, n, bands[b][(row * w * 4)..((row + n) * w * 4)])));
            }
        var events = await SendAsync(new ServerInfo.ServerInfoClient(_server.Channel), requests);
        var back = new[] { new byte[w * h * 4], new byte[w * h * 4] };
        foreach (var c in events.Where(e => e.Data?.RasterChunk is not null).Select(e => e.Data.RasterChunk))
            c.Data.Span.CopyTo(back[c.Band].AsSpan(c.RowStart * w * 4));
        Assert.Equal(header, events.First(e => e.Data?.RasterHeader is not null).Data.RasterHeader);
        Assert.Equal(bands[0], back[0]);
        Assert.Equal(bands[1], back[1]);
        Assert.NotNull(events.Last().Result);
    }

    [Fact]
    public async Task ChunksOverOneMegabyteComeBackSplitAndIdentical()
    {
        int w = 1024, h = 1024;  // one 4 MB chunk
        var bytes = RandomBytes(w * h * 4, 9);
        var events = await SendAsync(new ServerInfo.ServerInfoClient(_server.Channel), [Options(), Data(Header(w, h)), Data(Chunk(0, 0, h, bytes))]);
        var chunks = events.Where(e => e.Data?.RasterChunk is not null).Select(e => e.Data.RasterChunk).ToList();
        Assert.All(chunks, c => Assert.True(c.Data.Length <= RasterChunker.MaxChunkBytes));
        var back = new byte[bytes.Length];
        foreach (var c in chunks) c.Data.Span.CopyTo(back.AsSpan(c.RowStart * w * 4));
        Assert.Equal(h, chunks.Sum(c => c.RowCount));
        Assert.Equal(bytes, back);
    }

    public static TheoryData<string, RoundTripRequest[]> Malformed => new()
    {
        { "options", [] },
        { "options", [Data(Header(2, 2))] },
        { "raster_header", [Options()] },
        { "before its raster header", [Options(), Data(Chunk(0, 0, 1, new byte[8]))] },
        { "truncated", [Options(), Data(Header(2, 2)), Data(Chunk(0, 0, 1, new byte[8]))] },
        { "chunk.data", [Options(), Data(Header(2, 2)), Data(Chunk(0, 0, 1, new byte[7]))] },
        { "width/height", [Options(), Data(Header(-5, 2))] },
        { "options may be sent only once", [Options(), Options()] },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task MalformedStreamsGetInvalidArgumentNamingTheProblem(string expected, RoundTripRequest[] requests)
    {
        var client = new ServerInfo.ServerInfoClient(_server.Channel);
        var e = await Assert.ThrowsAsync<RpcException>(() => SendAsync(client, requests));
        output.WriteLine(e.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains(expected, e.Status.Detail);
    }

    [Fact]
    public async Task AbsurdRasterIsResourceExhausted()
    {
        var client = new ServerInfo.ServerInfoClient(_server.Channel);
        var e = await Assert.ThrowsAsync<RpcException>(() => SendAsync(client, [Options(), Data(Header(200_000, 200_000))]));
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Contains("200000x200000", e.Status.Detail);
    }
}
