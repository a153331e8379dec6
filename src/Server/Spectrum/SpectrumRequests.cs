using GisBridge.Server.Jobs;

// The generated request message takes IJobRequest here (same namespace and assembly as the protoc output), beside
// its capability rather than in the shared list, so that capabilities added in parallel do not collide.
namespace GisBridge.Protocol.V1;

public sealed partial class RadialSpectrumRequest : IJobRequest<RadialSpectrumOptions>;
