using Grpc.Core;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Analysis;

/// <summary>The Analysis RPCs: thin adapters from the request streams to the shared jobs.</summary>
public sealed class AnalysisService(JobRunner runner, SampleRastersJob sample, PrincipalComponentsJob pca, IsotopeDiagramJob isotopes,
    EndMemberMixingJob mixing) : Protocol.V1.Analysis.AnalysisBase
{
    public override Task SampleRasters(IAsyncStreamReader<SampleRastersRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context, sample);

    public override Task PrincipalComponents(IAsyncStreamReader<PrincipalComponentsRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context, pca);

    public override Task IsotopeDiagram(IAsyncStreamReader<IsotopeDiagramRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context, isotopes);

    public override Task EndMemberMixing(IAsyncStreamReader<EndMemberMixingRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context, mixing);
}
