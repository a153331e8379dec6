using System.CommandLine;
using GisBridge.Server.Hosting;

[assembly: GisBridge.Server.Hosting.Capability(typeof(GisBridge.Server.Geochemistry.GeochemistryCapability))]

namespace GisBridge.Server.Geochemistry;

/// <summary>Geochemical anomaly indices: the RPC Geochemistry.AnomalyIndices and the CLI verb `indices`.</summary>
public sealed class GeochemistryCapability : ICapability
{
    public IEnumerable<string> Features => ["anomaly-indices"];

    public void AddServices(IServiceCollection services) => services.AddSingleton<AnomalyIndicesJob>();

    public void MapGrpc(IEndpointRouteBuilder endpoints) => endpoints.MapGrpcService<GeochemistryService>();

    public IEnumerable<Command> CreateCommands(IServiceProvider services) => [IndicesCommand.Create(services)];
}
