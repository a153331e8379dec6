using System.CommandLine;
using GisBridge.Server.Hosting;

namespace GisBridge.Server.Cli;

/// <summary>The `gisbridge` command line: the server and every capability's batch verbs.</summary>
public static class CliRoot
{
    public static RootCommand Create()
    {
        var root = new RootCommand(
            "GisBridge processing server and batch tools for marine and solid-earth geoscience.\n" +
            "The launcher ./gisbridge adds: demo (set up and run the demo), test (set up and run every test), " +
            "install-plugin [--profile-dir DIR], package-plugin.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(InfoCommand.Create());
        // The verbs resolve their jobs lazily so that `--help` needs no native library.
        var services = new Lazy<IServiceProvider>(() => CoreServices.BuildCliServices(new ServerOptions()));
        foreach (var capability in Capabilities.All)
            foreach (var command in capability.CreateCommands(new LazyServiceProvider(services)))
                root.Subcommands.Add(command);
        return root;
    }

    private sealed class LazyServiceProvider(Lazy<IServiceProvider> inner) : IServiceProvider
    {
        public object? GetService(Type serviceType) => inner.Value.GetService(serviceType);
    }
}
