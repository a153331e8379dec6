using GisBridge.Server.Jobs;

// The generated request messages of the job RPCs take IJobRequest (same namespace and assembly as the protoc output).
namespace GisBridge.Protocol.V1;

public sealed partial class AnomalyIndicesRequest : IJobRequest<AnomalyIndicesOptions>;
public sealed partial class ClassifyAnomaliesRequest : IJobRequest<ClassifyAnomaliesOptions>;
public sealed partial class ClusterRegionsRequest : IJobRequest<ClusterRegionsOptions>;
public sealed partial class DerivativeRequest : IJobRequest<DerivativeOptions>;
public sealed partial class DupalBoundaryRequest : IJobRequest<DupalBoundaryOptions>;
public sealed partial class GgmnetDatasetRequest : IJobRequest<GgmnetDatasetOptions>;
public sealed partial class GgmnetPredictRequest : IJobRequest<GgmnetPredictOptions>;
public sealed partial class GgmnetTrainRequest : IJobRequest<GgmnetTrainOptions>;
public sealed partial class RidgeProfileRequest : IJobRequest<RidgeProfileOptions>;
public sealed partial class SynthGravityRequest : IJobRequest<SynthGravityOptions>;
public sealed partial class UpwardContinuationRequest : IJobRequest<UpwardContinuationOptions>;
public sealed partial class NormalGravityRequest : IJobRequest<NormalGravityOptions>;
public sealed partial class GravityDisturbanceRequest : IJobRequest<GravityDisturbanceOptions>;
public sealed partial class BouguerAnomalyRequest : IJobRequest<BouguerAnomalyOptions>;
public sealed partial class GridStationsRequest : IJobRequest<GridStationsOptions>;
