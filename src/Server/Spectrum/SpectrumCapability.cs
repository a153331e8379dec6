using System.CommandLine;
using GisBridge.Server.Hosting;

[assembly: GisBridge.Server.Hosting.Capability(typeof(GisBridge.Server.Spectrum.SpectrumCapability))]

namespace GisBridge.Server.Spectrum;

/// <summary>Radially averaged power spectrum with depth estimates (issue 15).</summary>
public sealed class SpectrumCapability : ICapability
{
    public IEnumerable<string> Features => ["radial-spectrum"];

    public void AddServices(IServiceCollection services) => services.AddSingleton<RadialSpectrumJob>();

    public void MapGrpc(IEndpointRouteBuilder endpoints) => endpoints.MapGrpcService<PowerSpectrumService>();

    public IEnumerable<Command> CreateCommands(IServiceProvider services) => [RadialSpectrumCommand.Create(services)];
}
