using Grpc.Core;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Lithology;

/// <summary>
/// The Lithology gRPC service: thin, the jobs do the work.
/// </summary>
public sealed class LithologyService(JobRunner runner, SynthGravityJob synth, GgmnetDatasetJob dataset,
    GgmnetTrainJob train, GgmnetPredictJob predict) : Protocol.V1.Lithology.LithologyBase
{
    public override Task SynthGravity(IAsyncStreamReader<SynthGravityRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context, synth);

    public override Task GgmnetDataset(IAsyncStreamReader<GgmnetDatasetRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context, dataset);

    public override Task GgmnetTrain(IAsyncStreamReader<GgmnetTrainRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context, train);

    public override Task GgmnetPredict(IAsyncStreamReader<GgmnetPredictRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context, predict);
}
