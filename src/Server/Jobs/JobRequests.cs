using GisBridge.Protocol.V1;

namespace GisBridge.Server.Jobs;

/// <summary>
/// A job RPC's request message: every one is a oneof of the job's options (first message) and its data (inputs).
/// The generated getters return null for the case a message does not hold.
/// </summary>
public interface IJobRequest<TOptions> where TOptions : class
{
    TOptions? Options { get; }
    JobData? Data { get; }
}
