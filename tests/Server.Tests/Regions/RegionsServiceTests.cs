using Google.Protobuf;
using Grpc.Core;
using GisBridge.Protocol.V1;
using GisBridge.Server.Tests.Support;

namespace GisBridge.Server.Tests.Regions;

/// <summary>The Regions RPCs over a real server: samples streamed in, outputs streamed back.</summary>
public sealed class RegionsServiceTests : IAsyncLifetime, IDisposable
{
    private readonly RegionsTestData _data = new();
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();
    public void Dispose() => _data.Dispose();

    private IEnumerable<JobData> SamplesFile()
    {
        var bytes = File.ReadAllBytes(_data.SamplesPath);
        yield return new JobData { FileHeader = new FileHeader { Name = "samples", FileName = "samples.gpkg", Size = bytes.Length } };
        for (int offset = 0; offset < bytes.Length; offset += 256 << 10)
            yield return new JobData { FileChunk = new FileChunk { Data = ByteString.CopyFrom(bytes, offset, Math.Min(256 << 10, bytes.Length - offset)) } };
    }

    private async Task<List<JobEvent>> ClusterAsync(ClusterRegionsOptions options)
    {
        var client = new Protocol.V1.Regions.RegionsClient(_server.Channel);
        using var call = client.ClusterRegions();
        await call.RequestStream.WriteAsync(new ClusterRegionsRequest { Options = options });
        foreach (var d in SamplesFile()) await call.RequestStream.WriteAsync(new ClusterRegionsRequest { Data = d });
        await call.RequestStream.CompleteAsync();
        var events = new List<JobEvent>();
        await foreach (var e in call.ResponseStream.ReadAllAsync()) events.Add(e);
        return events;
    }

    [Fact]
    public async Task ClusterRegionsStreamsProgressOutputsAndResult()
    {
        var options = new ClusterRegionsOptions { K = 2 };
        options.Features.Add("delta_8_4,delta_sr");
        var events = await ClusterAsync(options);
        Assert.Contains(events, e => e.Progress is not null && e.Progress.Stage == "clustering");
        var files = events.Where(e => e.Data?.FileHeader is not null).Select(e => e.Data.FileHeader.Name).ToArray();
        Assert.Equal(["samples", "regions", "centroids"], files);
        Assert.Contains("2 clusters", events.Last().Result.Message);
    }

    [Fact]
    public async Task TooFewSamplesForKIsInvalidArgument()
    {
        var options = new ClusterRegionsOptions { K = 500 };
        options.Features.Add("delta_8_4");
        var e = await Assert.ThrowsAsync<RpcException>(() => ClusterAsync(options));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("too few samples for k = 500", e.Status.Detail);
    }
}
