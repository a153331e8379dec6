using GisBridge.Server.Jobs;

// The filters' request messages take IJobRequest (same namespace and assembly as the protoc output).
namespace GisBridge.Protocol.V1;

public sealed partial class BandPassRequest : IJobRequest<BandPassOptions>;
public sealed partial class DirectionalFilterRequest : IJobRequest<DirectionalFilterOptions>;
