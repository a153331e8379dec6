using Grpc.Core;
using GisBridge.Protocol.V1;
using GisBridge.Server.Hosting;
using GisBridge.Server.Jobs;
using GisBridge.Server.Streaming;

namespace GisBridge.Server.Info;

/// <summary>Version and capabilities, and the raster round trip used to check and measure transfers.</summary>
public sealed class ServerInfoService(
    ServerOptions options, ServerInfoProvider info, JobLimiter limiter, MemoryBudget budget, ILogger<ServerInfoService> log)
    : ServerInfo.ServerInfoBase
{
    public override Task<GetInfoResponse> GetInfo(GetInfoRequest request, ServerCallContext context) =>
        Task.FromResult(info.Describe());

    public override async Task RoundTrip(
        IAsyncStreamReader<RoundTripRequest> requestStream, IServerStreamWriter<JobEvent> responseStream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var requests = new IdleTimeoutReader<RoundTripRequest>(requestStream, options.InputIdleTimeout);
        var rasters = new List<RasterAssembler>();
        try
        {
            if (!await requests.MoveNext(ct) || requests.Current.PayloadCase != RoundTripRequest.PayloadOneofCase.Options)
                throw new JobInputException("options", "the first message must carry the options");
            using var slot = await limiter.EnterAsync(() => Task.CompletedTask, ct);
            RasterAssembler? current = null;
            while (await requests.MoveNext(ct))
            {
                var data = requests.Current.Data
                    ?? throw new JobInputException("payload", "options may be sent only once, as the first message");
                switch (data.ItemCase)
                {
                    case JobData.ItemOneofCase.RasterHeader:
                        current?.EnsureComplete();
                        current = new RasterAssembler(data.RasterHeader, options.MaxRasterBytes, budget);
                        rasters.Add(current);
                        break;
                    case JobData.ItemOneofCase.RasterChunk:
                        (current ?? throw new JobInputException("raster_chunk", "a raster chunk came before its raster header"))
                            .Add(data.RasterChunk);
                        break;
                    default:
                        throw new JobInputException("data", $"the round trip takes rasters only, got {data.ItemCase}");
                }
            }
            if (current is null)
                throw new JobInputException("raster_header", "no raster was sent");
            current.EnsureComplete();
            foreach (var raster in rasters)
            {
                await responseStream.WriteAsync(new JobEvent { Data = new JobData { RasterHeader = raster.Header } }, ct);
                // The chunks go back as they came (the client chose their size), without copying their bytes.
                for (int b = 0; b < raster.Header.BandCount; b++)
                    foreach (var chunk in raster.ChunksOf(b))
                        await responseStream.WriteAsync(new JobEvent { Data = new JobData { RasterChunk = chunk } }, ct);
            }
            await responseStream.WriteAsync(new JobEvent { Result = new JobResult { Message = $"{rasters.Count} raster(s) returned" } }, ct);
        }
        catch (Exception e)
        {
            throw JobRunner.ToRpcException(e, ct, log);
        }
        finally
        {
            foreach (var raster in rasters) raster.Dispose();
        }
    }
}
