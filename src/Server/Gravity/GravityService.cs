using Grpc.Core;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Gravity;

/// <summary>The Gravity gRPC service: thin, the jobs do the work.</summary>
public sealed class GravityService(JobRunner runner, UpwardContinuationJob continuation, DerivativeJob derivative)
    : Protocol.V1.Gravity.GravityBase
{
    public override Task UpwardContinuation(IAsyncStreamReader<UpwardContinuationRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context, continuation);

    public override Task Derivative(IAsyncStreamReader<DerivativeRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context, derivative);
}
