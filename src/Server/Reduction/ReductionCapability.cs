using System.CommandLine;
using GisBridge.Server.Hosting;

[assembly: GisBridge.Server.Hosting.Capability(typeof(GisBridge.Server.Reduction.ReductionCapability))]

namespace GisBridge.Server.Reduction;

/// <summary>Gravity reduction: normal gravity, gravity disturbance / free-air anomaly, Bouguer anomaly, station gridding.</summary>
public sealed class ReductionCapability : ICapability
{
    public IEnumerable<string> Features => ["normal-gravity", "gravity-disturbance", "bouguer-anomaly", "grid-stations"];

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<NormalGravityJob>();
        services.AddSingleton<GravityDisturbanceJob>();
        services.AddSingleton<BouguerAnomalyJob>();
        services.AddSingleton<GridStationsJob>();
    }

    public void MapGrpc(IEndpointRouteBuilder endpoints) => endpoints.MapGrpcService<ReductionService>();

    public IEnumerable<Command> CreateCommands(IServiceProvider services) =>
        [ReductionCommands.NormalGravity(services), ReductionCommands.GravityDisturbance(services),
         ReductionCommands.BouguerAnomaly(services), ReductionCommands.GridStations(services)];
}
