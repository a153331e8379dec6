using GisBridge.Server.Jobs;

// The Analysis request messages take IJobRequest (as in Jobs/JobRequestMessages.cs; kept here so the capability
// stays in its own folder).
namespace GisBridge.Protocol.V1;

public sealed partial class SampleRastersRequest : IJobRequest<SampleRastersOptions>;
public sealed partial class PrincipalComponentsRequest : IJobRequest<PrincipalComponentsOptions>;
public sealed partial class IsotopeDiagramRequest : IJobRequest<IsotopeDiagramOptions>;
public sealed partial class EndMemberMixingRequest : IJobRequest<EndMemberMixingOptions>;
