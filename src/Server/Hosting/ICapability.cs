using System.CommandLine;

namespace GisBridge.Server.Hosting;

/// <summary>
/// One capability of the server (gravity filters, geochemistry, regions, lithology): its services, its gRPC
/// endpoints and its CLI verbs. Implementations are found by reflection, so adding one touches no shared file.
/// </summary>
public interface ICapability
{
    /// <summary>Names reported by GetInfo (one per RPC, e.g. "upward-continuation").</summary>
    IEnumerable<string> Features { get; }

    void AddServices(IServiceCollection services);

    void MapGrpc(IEndpointRouteBuilder endpoints);

    /// <summary>The batch verbs; they run the same jobs as the RPCs, resolved from <paramref name="services"/>.</summary>
    IEnumerable<Command> CreateCommands(IServiceProvider services);
}
