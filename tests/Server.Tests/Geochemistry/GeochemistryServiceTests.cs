using Google.Protobuf;
using Grpc.Core;
using GisBridge.Protocol.V1;
using GisBridge.Server.Tests.Support;

namespace GisBridge.Server.Tests.Geochemistry;

/// <summary>Geochemistry.AnomalyIndices over a real gRPC server: the table streamed in, the layer streamed out.</summary>
public class GeochemistryServiceTests
{
    private static IEnumerable<AnomalyIndicesRequest> Requests(AnomalyIndicesOptions options, string fileName, byte[] bytes)
    {
        yield return new AnomalyIndicesRequest { Options = options };
        yield return new AnomalyIndicesRequest { Data = new JobData { FileHeader = new FileHeader { Name = "table", FileName = fileName, Size = bytes.Length } } };
        for (int i = 0; i < bytes.Length; i += 1 << 20)
            yield return new AnomalyIndicesRequest { Data = new JobData { FileChunk = new FileChunk { Data = ByteString.CopyFrom(bytes, i, Math.Min(1 << 20, bytes.Length - i)) } } };
    }

    private static async Task<List<JobEvent>> CallAsync(TestServer server, IEnumerable<AnomalyIndicesRequest> requests)
    {
        var client = new Protocol.V1.Geochemistry.GeochemistryClient(server.Channel);
        using var call = client.AnomalyIndices();
        try
        {
            foreach (var r in requests) await call.RequestStream.WriteAsync(r);
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The server refuses a bad request at its first message and ends the call while the rest is still being
            // written; that write fails (as Cancelled when it races the end), and the server's status comes with the
            // response stream below.
        }
        var events = new List<JobEvent>();
        await foreach (var e in call.ResponseStream.ReadAllAsync()) events.Add(e);
        return events;
    }

    [Fact]
    public async Task GeorocFile_StreamedIn_GivesTheLayerAndTheReport()
    {
        await using var server = await TestServer.StartAsync();
        var bytes = File.ReadAllBytes(RepoPaths.Sample("geochem", "georoc", "s_AMSTERDAM-ST_PAUL.csv"));
        var events = await CallAsync(server, Requests(new AnomalyIndicesOptions { WantCsv = true }, "s_AMSTERDAM-ST_PAUL.csv", bytes));

        var headers = events.Where(e => e.Data?.FileHeader is not null).Select(e => e.Data.FileHeader).ToList();
        Assert.Equal(["samples", "table"], headers.Select(h => h.Name));
        Assert.Equal("s_AMSTERDAM-ST_PAUL_indices.gpkg", headers[0].FileName);
        long received = events.Where(e => e.Data?.FileChunk is not null).Sum(e => (long)e.Data.FileChunk.Data.Length);
        Assert.Equal(headers.Sum(h => h.Size), received);
        var result = events.Last().Result;
        Assert.NotNull(result);
        Assert.Contains("\"format\":\"georoc\"", result.ReportJson);
        Assert.Contains("15 samples", result.Message);
        Assert.Contains(events, e => e.Progress?.Stage == "indices");
    }

    [Fact]
    public async Task UnknownFormat_IsInvalidArgumentNamingTheFile()
    {
        await using var server = await TestServer.StartAsync();
        var bytes = "foo,bar\n1,2\n"u8.ToArray();
        var e = await Assert.ThrowsAsync<RpcException>(() => CallAsync(server, Requests(new AnomalyIndicesOptions(), "junk.csv", bytes)));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("junk.csv", e.Status.Detail);
        Assert.Contains("unknown format", e.Status.Detail);
    }

    [Fact]
    public async Task BadOption_IsInvalidArgument()
    {
        await using var server = await TestServer.StartAsync();
        var bytes = "lat,lon,MgO\n1,2,7\n"u8.ToArray();
        var e = await Assert.ThrowsAsync<RpcException>(() => CallAsync(server, Requests(new AnomalyIndicesOptions { Fe3Fraction = 2 }, "t.csv", bytes)));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("fe3_fraction", e.Status.Detail);
    }
}
