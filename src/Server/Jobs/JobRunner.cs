using System.Threading.Channels;
using Google.Protobuf;
using Grpc.Core;
using GisBridge.Protocol.V1;
using GisBridge.Server.Hosting;
using GisBridge.Server.Streaming;

namespace GisBridge.Server.Jobs;

/// <summary>
/// Runs one job behind a streaming RPC: options first, then inputs, then the job on a worker thread while its
/// progress streams back, then the outputs and the result. Errors become the documented status codes.
/// </summary>
public sealed class JobRunner(ServerOptions options, StreamedInputReader inputReader, JobLimiter limiter, ILogger<JobRunner> log)
{
    /// <summary>Runs <paramref name="job"/> for an RPC whose requests carry its options and data (<see cref="IJobRequest{TOptions}"/>).</summary>
    public async Task RunAsync<TRequest, TOptions>(
        IAsyncStreamReader<TRequest> requests,
        IServerStreamWriter<JobEvent> responses,
        ServerCallContext call,
        IJob<TOptions> job)
        where TRequest : IJobRequest<TOptions>
        where TOptions : class
    {
        var ct = call.CancellationToken;
        var events = Channel.CreateUnbounded<Progress>(new UnboundedChannelOptions { SingleReader = true });
        using var context = new JobContext(ct, p => events.Writer.TryWrite(p), options.WorkRoot);
        Task? work = null;
        try
        {
            var stream = new IdleTimeoutReader<TRequest>(requests, options.InputIdleTimeout);
            if (!await stream.MoveNext(ct))
                throw new JobInputException("options", "the request stream is empty; the first message must carry the options");
            var jobOptions = stream.Current.Options
                ?? throw new JobInputException("options", "the first message must carry the options");
            // Options that cannot succeed are refused before the job waits for a slot or reads any input.
            job.Validate(jobOptions);
            var needs = job.Needs(jobOptions);
            // The slot is taken before the inputs are read, so that queued jobs hold no raster in memory.
            using var slot = await limiter.EnterAsync(() => responses.WriteAsync(Queued(limiter), ct), ct);
            var inputs = await inputReader.ReadAsync(stream, static r => r.Data, context);
            needs.Check(inputs);
            var outputs = new JobOutputs();
            work = Task.Run(() =>
            {
                try
                {
                    job.Run(jobOptions, inputs, outputs, context);
                }
                finally
                {
                    events.Writer.TryComplete();
                }
            }, ct);
            await foreach (var progress in events.Reader.ReadAllAsync(ct))
                await responses.WriteAsync(new JobEvent { Progress = progress }, ct);
            await work;
            outputs.AddInputWarnings(inputs);

            foreach (var item in outputs.Items)
                await WriteOutputAsync(item, responses, ct);
            await responses.WriteAsync(new JobEvent { Result = outputs.Result }, ct);
        }
        catch (Exception e)
        {
            // Let a cancelled job reach its next cancellation check before its work folder is removed.
            if (work is { IsCompleted: false })
                await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
            throw ToRpcException(e, ct, log);
        }
    }

    private static JobEvent Queued(JobLimiter limiter) => new()
    {
        Progress = new Progress { Fraction = 0, Stage = "queued", Message = $"waiting for a job slot ({limiter.Running} of {limiter.Capacity} busy)" },
    };

    private static async Task WriteOutputAsync(object item, IServerStreamWriter<JobEvent> responses, CancellationToken ct)
    {
        switch (item)
        {
            case RasterOutput r:
                foreach (var data in RasterChunker.Encode(r.Name, r.Grid, r.DataType))
                    await responses.WriteAsync(new JobEvent { Data = data }, ct);
                break;
            case RasterFileOutput rf:
                // Sent as a raster like any other (the stream format needs the grid in memory).
                foreach (var data in RasterChunker.Encode(rf.Name, Io.Gdal.GdalRasterReader.Read(rf.Path), rf.DataType))
                    await responses.WriteAsync(new JobEvent { Data = data }, ct);
                break;
            case FileOutput f:
                var info = new FileInfo(f.Path);
                await responses.WriteAsync(new JobEvent
                {
                    Data = new JobData { FileHeader = new FileHeader { Name = f.Name, FileName = f.FileName, Size = info.Length } },
                }, ct);
                await using (var stream = info.OpenRead())
                {
                    var buffer = new byte[RasterChunker.MaxChunkBytes];
                    int n;
                    while ((n = await stream.ReadAsync(buffer, ct)) > 0)
                    {
                        await responses.WriteAsync(new JobEvent
                        {
                            Data = new JobData { FileChunk = new FileChunk { Data = ByteString.CopyFrom(buffer, 0, n) } },
                        }, ct);
                    }
                }
                break;
        }
    }

    /// <summary>Maps an exception to the documented status codes; only unexpected ones are INTERNAL.</summary>
    public static RpcException ToRpcException(Exception e, CancellationToken ct, ILogger log)
    {
        switch (e)
        {
            case RpcException rpc:
                return rpc;
            case OperationCanceledException when ct.IsCancellationRequested:
                return new RpcException(new Status(StatusCode.Cancelled, "the job was cancelled by the client or its deadline"));
            case JobInputException or ArgumentException or FormatException or InvalidDataException:
                return new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
            case InvalidProtocolBufferException:
                return new RpcException(new Status(StatusCode.InvalidArgument, $"request: not a valid message of this protocol ({e.Message})"));
            case Io.Gdal.GdalException { Kind: Io.Gdal.GdalErrorKind.FileNotFound or Io.Gdal.GdalErrorKind.NotSupported }:
                return new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
            case Io.Gdal.GdalException { Kind: Io.Gdal.GdalErrorKind.ResourceLimit }:
                return new RpcException(new Status(StatusCode.ResourceExhausted, e.Message));
            case ResourceLimitException or OutOfMemoryException or InsufficientExecutionStackException:
                return new RpcException(new Status(StatusCode.ResourceExhausted, e.Message));
            case AggregateException { InnerExceptions.Count: 1 } agg:
                return ToRpcException(agg.InnerException!, ct, log);
            case IOException when ct.IsCancellationRequested:
                return new RpcException(new Status(StatusCode.Cancelled, "the client went away"));
            default:
                log.LogError(e, "job failed with an unexpected error");
                return new RpcException(new Status(StatusCode.Internal, $"internal error ({e.GetType().Name}): {e.Message}"));
        }
    }
}
