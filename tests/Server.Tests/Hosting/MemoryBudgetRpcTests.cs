using Grpc.Core;
using GisBridge.Protocol.V1;
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
}
