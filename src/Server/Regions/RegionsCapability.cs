using System.CommandLine;
using GisBridge.Server.Hosting;

[assembly: GisBridge.Server.Hosting.Capability(typeof(GisBridge.Server.Regions.RegionsCapability))]

namespace GisBridge.Server.Regions;

/// <summary>Clustering, anomaly classifier, Dupal boundary and along-ridge profiles (issue 5).</summary>
public sealed class RegionsCapability : ICapability
{
    public IEnumerable<string> Features => ["cluster-regions", "classify-anomalies", "dupal-boundary", "ridge-profile"];

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<ClusterRegionsJob>();
        services.AddSingleton<ClassifyAnomaliesJob>();
        services.AddSingleton<DupalBoundaryJob>();
        services.AddSingleton<RidgeProfileJob>();
    }

    public void MapGrpc(IEndpointRouteBuilder endpoints) => endpoints.MapGrpcService<RegionsService>();

    public IEnumerable<Command> CreateCommands(IServiceProvider services) =>
    [
        ClusterCommand.Create(services),
        ClassifyCommand.Create(services),
        BoundaryCommand.Create(services),
        ProfileCommand.Create(services),
    ];
}
