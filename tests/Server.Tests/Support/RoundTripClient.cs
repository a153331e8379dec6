using Grpc.Core;
using GisBridge.Protocol.V1;

namespace GisBridge.Server.Tests.Support;

/// <summary>Sends raw JobData items through the RoundTrip RPC and collects what comes back.</summary>
public static class RoundTripClient
{
    public static async Task<List<JobEvent>> SendAsync(ServerInfo.ServerInfoClient client, IEnumerable<RoundTripRequest> requests, Metadata? headers = null)
    {
        using var call = client.RoundTrip(headers);
        var reading = Task.Run(async () =>
        {
            var events = new List<JobEvent>();
            await foreach (var e in call.ResponseStream.ReadAllAsync()) events.Add(e);
            return events;
        });
        try
        {
            foreach (var r in requests) await call.RequestStream.WriteAsync(r);
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The server ended the call early; its status comes from the response stream.
        }
        catch (InvalidOperationException)
        {
        }
        return await reading;
    }

    public static RoundTripRequest Options() => new() { Options = new RoundTripOptions() };
    public static RoundTripRequest Data(RasterHeader h) => new() { Data = new JobData { RasterHeader = h } };
    public static RoundTripRequest Data(RasterChunk c) => new() { Data = new JobData { RasterChunk = c } };
}
