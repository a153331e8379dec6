using Grpc.Core;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Reduction;

/// <summary>The GravityReduction gRPC service: thin, the jobs do the work.</summary>
public sealed class ReductionService(JobRunner runner, NormalGravityJob normal, GravityDisturbanceJob disturbance,
    BouguerAnomalyJob bouguer, GridStationsJob stations) : GravityReduction.GravityReductionBase
{
    public override Task NormalGravity(IAsyncStreamReader<NormalGravityRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context, normal);

    public override Task GravityDisturbance(IAsyncStreamReader<GravityDisturbanceRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context, disturbance);

    public override Task BouguerAnomaly(IAsyncStreamReader<BouguerAnomalyRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context, bouguer);

    public override Task GridStations(IAsyncStreamReader<GridStationsRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context, stations);
}
