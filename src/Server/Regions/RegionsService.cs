using Grpc.Core;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Regions;

/// <summary>The Regions RPCs: thin adapters from the request streams to the shared jobs.</summary>
public sealed class RegionsService(JobRunner runner, ClusterRegionsJob cluster, ClassifyAnomaliesJob classify,
    DupalBoundaryJob boundary, RidgeProfileJob profile) : Protocol.V1.Regions.RegionsBase
{
    public override Task ClusterRegions(IAsyncStreamReader<ClusterRegionsRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context, cluster);

    public override Task ClassifyAnomalies(IAsyncStreamReader<ClassifyAnomaliesRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context, classify);

    public override Task DupalBoundary(IAsyncStreamReader<DupalBoundaryRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context, boundary);

    public override Task RidgeProfile(IAsyncStreamReader<RidgeProfileRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context, profile);
}
