using Grpc.Core;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Geochemistry;

/// <summary>Geochemistry.AnomalyIndices: options, then the table file streamed in; the layer (and CSV) streamed out.</summary>
public sealed class GeochemistryService(JobRunner runner, AnomalyIndicesJob job) : Protocol.V1.Geochemistry.GeochemistryBase
{
    public override Task AnomalyIndices(IAsyncStreamReader<AnomalyIndicesRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context, job);
}
