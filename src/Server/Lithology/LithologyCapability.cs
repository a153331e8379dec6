using System.CommandLine;
using GisBridge.Server.Hosting;

[assembly: GisBridge.Server.Hosting.Capability(typeof(GisBridge.Server.Lithology.LithologyCapability))]

namespace GisBridge.Server.Lithology;

/// <summary>GGMNet lithology mapping: synthetic benchmark, dataset building, training, evaluation, tiled prediction.</summary>
public sealed class LithologyCapability : ICapability
{
    public IEnumerable<string> Features => ["synth-gravity", "ggmnet-dataset", "ggmnet-train", "ggmnet-predict"];

    public void AddServices(IServiceCollection services)
    {
        services.AddSingleton<SynthGravityJob>();
        services.AddSingleton<GgmnetDatasetJob>();
        services.AddSingleton<GgmnetTrainJob>();
        services.AddSingleton<GgmnetPredictJob>();
        services.AddSingleton<GgmnetEvaluateJob>();
    }

    public void MapGrpc(IEndpointRouteBuilder endpoints) => endpoints.MapGrpcService<LithologyService>();

    public IEnumerable<Command> CreateCommands(IServiceProvider services) =>
    [
        LithologyCommands.SynthGravity(services), GgmnetDatasetCommand.Create(services), LithologyCommands.Train(services),
        LithologyCommands.Evaluate(services), LithologyCommands.Predict(services),
    ];
}
