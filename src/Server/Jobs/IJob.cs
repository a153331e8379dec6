namespace GisBridge.Server.Jobs;

/// <summary>
/// One capability's work, shared by its RPC and its CLI verb: options (the proto options message), inputs
/// (rasters and files), outputs (rasters and files) and a context (cancellation, progress, work folder).
/// </summary>
public interface IJob<in TOptions>
{
    /// <summary>
    /// Checks the options completely (sizes, counts, ranges, combinations) before a job slot is taken or any input
    /// is read; throws <see cref="JobInputException"/> or <see cref="ResourceLimitException"/>. Checks that need the
    /// inputs stay in <see cref="Run"/>.
    /// </summary>
    void Validate(TOptions options) { }

    /// <summary>The inputs these options need: a request stream that ends without one is refused before the job runs.</summary>
    InputNeeds Needs(TOptions options) => InputNeeds.None;

    void Run(TOptions options, JobInputs inputs, JobOutputs outputs, JobContext context);
}
