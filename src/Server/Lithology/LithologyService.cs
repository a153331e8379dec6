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
        runner.RunAsync(requestStream, responseStream, context,
            r => r.PayloadCase == SynthGravityRequest.PayloadOneofCase.Options ? r.Options : null,
            r => r.PayloadCase == SynthGravityRequest.PayloadOneofCase.Data ? r.Data : null,
            synth);

    public override Task GgmnetDataset(IAsyncStreamReader<GgmnetDatasetRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context,
            r => r.PayloadCase == GgmnetDatasetRequest.PayloadOneofCase.Options ? r.Options : null,
            r => r.PayloadCase == GgmnetDatasetRequest.PayloadOneofCase.Data ? r.Data : null,
            dataset);

    public override Task GgmnetTrain(IAsyncStreamReader<GgmnetTrainRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context,
            r => r.PayloadCase == GgmnetTrainRequest.PayloadOneofCase.Options ? r.Options : null,
            r => r.PayloadCase == GgmnetTrainRequest.PayloadOneofCase.Data ? r.Data : null,
            train);

    public override Task GgmnetPredict(IAsyncStreamReader<GgmnetPredictRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context,
            r => r.PayloadCase == GgmnetPredictRequest.PayloadOneofCase.Options ? r.Options : null,
            r => r.PayloadCase == GgmnetPredictRequest.PayloadOneofCase.Data ? r.Data : null,
            predict);
}
