using Grpc.Core;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;
using Microsoft.Extensions.DependencyInjection;
using GisBridge.Server.Tests.Support;
using static GisBridge.Server.Tests.Support.RasterStreams;
using static GisBridge.Server.Tests.Support.RoundTripClient;

namespace GisBridge.Server.Tests.Hosting;

/// <summary>Headers that claim more than was sent, against a server with a stated memory budget.</summary>
public sealed class MemoryBudgetRpcTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long Budget = 3L << 30;
    private TestServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await TestServer.StartAsync(o => { o.MemoryBudgetBytes = Budget; o.MaxRasterBytes = 8L << 30; });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task AHeaderForTwoGigabytesFollowedByNothingIsTruncatedNotAllocated()
    {
        var client = new ServerInfo.ServerInfoClient(_server.Channel);
        var e = await Assert.ThrowsAsync<RpcException>(() => SendAsync(client, [Options(), Data(Header(16384, 16384, bands: 2))]));
        output.WriteLine(e.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("truncated: 0 of 32768 band rows", e.Status.Detail);
    }

    [Fact]
    public async Task ARasterLargerThanTheBudgetIsResourceExhaustedNamingBoth()
    {
        var client = new ServerInfo.ServerInfoClient(_server.Channel);
        var e = await Assert.ThrowsAsync<RpcException>(() => SendAsync(client, [Options(), Data(Header(16384, 16384, bands: 4))]));
        output.WriteLine(e.Status.Detail);
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Contains("4,294,967,296 bytes", e.Status.Detail);
        Assert.Contains($"memory budget is {Budget:N0} bytes", e.Status.Detail);
    }

    [Fact]
    public async Task AJobGivesItsShareOfTheBudgetBackWhenItEnds()
    {
        int w = 64, h = 48;
        var cells = new float[w * h];
        for (int i = 0; i < cells.Length; i++) cells[i] = MathF.Sin(i % w * 0.2f) + MathF.Cos(i / w * 0.3f);
        var options = new UpwardContinuationOptions { WantRegional = true };
        options.Heights.Add(2000);
        var client = new Protocol.V1.Gravity.GravityClient(_server.Channel);
        using (var call = client.UpwardContinuation())
        {
            await call.RequestStream.WriteAsync(new UpwardContinuationRequest { Options = options });
            var bytes = new byte[cells.Length * 4];
            Buffer.BlockCopy(cells, 0, bytes, 0, bytes.Length);
            var header = Header(w, h);
            header.CrsWkt = "EPSG:32722";  // metres, so that the continuation takes the 1 km cells as they are
            await call.RequestStream.WriteAsync(new UpwardContinuationRequest { Data = new JobData { RasterHeader = header } });
            await call.RequestStream.WriteAsync(new UpwardContinuationRequest { Data = new JobData { RasterChunk = Chunk(0, 0, h, bytes) } });
            await call.RequestStream.CompleteAsync();
            var events = new List<JobEvent>();
            await foreach (var e in call.ResponseStream.ReadAllAsync()) events.Add(e);
            Assert.NotNull(events.Last().Result);
        }
        Assert.Equal(0, _server.Services.GetRequiredService<MemoryBudget>().UsedBytes);
    }
}
