using Grpc.Core;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Filters;

/// <summary>The PotentialFieldFilters gRPC service: thin, the jobs do the work.</summary>
public sealed class PotentialFieldFiltersService(JobRunner runner, BandPassJob bandPass, DirectionalFilterJob directional)
    : PotentialFieldFilters.PotentialFieldFiltersBase
{
    public override Task BandPass(IAsyncStreamReader<BandPassRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context, bandPass);

    public override Task DirectionalFilter(IAsyncStreamReader<DirectionalFilterRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context, directional);
}
