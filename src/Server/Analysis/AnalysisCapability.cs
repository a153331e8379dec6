using System.CommandLine;
using GisBridge.Server.Hosting;

[assembly: GisBridge.Server.Hosting.Capability(typeof(GisBridge.Server.Analysis.AnalysisCapability))]

namespace GisBridge.Server.Analysis;

/// <summary>Geochemistry meets geophysics (issue 16): raster values at the samples and their correlations, principal components,
/// isotope diagrams, mantle end-member proportions.</summary>
public sealed class AnalysisCapability : ICapability
{
    public IEnumerable<string> Features => ["sample-rasters", "principal-components", "isotope-diagram", "end-member-mixing"];

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<SampleRastersJob>();
        services.AddSingleton<PrincipalComponentsJob>();
        services.AddSingleton<IsotopeDiagramJob>();
        services.AddSingleton<EndMemberMixingJob>();
    }

    public void MapGrpc(IEndpointRouteBuilder endpoints) => endpoints.MapGrpcService<AnalysisService>();

    public IEnumerable<Command> CreateCommands(IServiceProvider services) =>
    [
        SampleRastersCommand.Create(services),
        PrincipalComponentsCommand.Create(services),
        IsotopeDiagramCommand.Create(services),
        EndMemberMixingCommand.Create(services),
    ];
}
