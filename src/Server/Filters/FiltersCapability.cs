using System.CommandLine;
using GisBridge.Server.Hosting;

[assembly: GisBridge.Server.Hosting.Capability(typeof(GisBridge.Server.Filters.FiltersCapability))]

namespace GisBridge.Server.Filters;

/// <summary>Band-passes in wavelengths and the directional cosine filter (issue 15).</summary>
public sealed class FiltersCapability : ICapability
{
    public IEnumerable<string> Features => ["band-pass", "directional-filter"];

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<BandPassJob>();
        services.AddSingleton<DirectionalFilterJob>();
    }

    public void MapGrpc(IEndpointRouteBuilder endpoints) => endpoints.MapGrpcService<PotentialFieldFiltersService>();

    public IEnumerable<Command> CreateCommands(IServiceProvider services) =>
        [FilterCommands.BandPass(services), FilterCommands.Directional(services)];
}
