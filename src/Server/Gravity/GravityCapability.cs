using System.CommandLine;
using GisBridge.Server.Hosting;

[assembly: GisBridge.Server.Hosting.Capability(typeof(GisBridge.Server.Gravity.GravityCapability))]

namespace GisBridge.Server.Gravity;

/// <summary>Potential-field filters: upward continuation (regional / residual) and derivatives.</summary>
public sealed class GravityCapability : ICapability
{
    public IEnumerable<string> Features => ["upward-continuation", "derivative"];

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<UpwardContinuationJob>();
        services.AddSingleton<DerivativeJob>();
    }

    public void MapGrpc(IEndpointRouteBuilder endpoints) => endpoints.MapGrpcService<GravityService>();

    public IEnumerable<Command> CreateCommands(IServiceProvider services) =>
        [GravityCommands.UpwardContinuation(services), GravityCommands.Derivative(services)];
}
