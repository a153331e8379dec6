using Grpc.Core;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Spectrum;

/// <summary>The PowerSpectrum gRPC service: thin, the job does the work.</summary>
public sealed class PowerSpectrumService(JobRunner runner, RadialSpectrumJob job) : Protocol.V1.PowerSpectrum.PowerSpectrumBase
{
    public override Task RadialSpectrum(IAsyncStreamReader<RadialSpectrumRequest> requestStream,
        IServerStreamWriter<JobEvent> responseStream, ServerCallContext context) =>
        runner.RunAsync(requestStream, responseStream, context, job);
}
