using GisBridge.Server.Info;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Hosting;

/// <summary>The services shared by the server and the CLI verbs.</summary>
public static class CoreServices
{
    public static IServiceCollection AddGisBridgeCore(this IServiceCollection services, ServerOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<PathPolicy>();
        services.AddSingleton<MemoryReclaimer>();
        services.AddSingleton<JobLimiter>();
        services.AddSingleton(_ => new MemoryBudget(options.MemoryBudgetBytes));
        services.AddSingleton<StreamedInputReader>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<CliJobRunner>();
        services.AddSingleton<IGeoIo, Io.Gdal.GdalGeoIo>();
        services.AddSingleton(sp => new ServerInfoProvider(options, () => Io.Gdal.GdalLibrary.Version, () => Io.Gdal.GdalLibrary.CacheMaxBytes));
        foreach (var capability in Capabilities.All) capability.AddServices(services);
        return services;
    }

    /// <summary>A service provider for the CLI verbs (no web host).</summary>
    public static ServiceProvider BuildCliServices(ServerOptions options)
    {
        var services = new ServiceCollection();
        // Logging is built when a service first asks for a logger: most verbs never do, and AddLogging's console
        // set-up costs every CLI run ~10-20 ms of start-up.
        services.AddSingleton<ILoggerFactory>(_ => LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)));
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddGisBridgeCore(options);
        return services.BuildServiceProvider();
    }
}
