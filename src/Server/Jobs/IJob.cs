namespace GisBridge.Server.Jobs;

/// <summary>
/// One capability's work, shared by its RPC and its CLI verb: options (the proto options message), inputs
/// (rasters and files), outputs (rasters and files) and a context (cancellation, progress, work folder).
/// </summary>
public interface IJob<in TOptions>
{
    void Run(TOptions options, JobInputs inputs, JobOutputs outputs, JobContext context);
}
