using System.CommandLine;
using GisBridge.Server.Hosting;

namespace GisBridge.Server.Cli;

/// <summary>The `gisbridge` command line: the server and every capability's batch verbs.</summary>
public static class CliRoot
{
    /// <summary>
    /// The command tree for <paramref name="args"/>. When the first argument names a capability's verb, only the
    /// capabilities up to the one that has it are built (each verb's options cost start-up time, and a CLI job
    /// pays it on every run); help, options and unknown verbs get the whole tree.
    /// </summary>
    public static RootCommand Create(IReadOnlyList<string>? args = null)
    {
        var root = new RootCommand(
            "GisBridge processing server and batch tools for marine and solid-earth geoscience.\n" +
            "The launcher ./gisbridge adds: demo (set up and run the demo), test (set up and run every test), " +
            "install-plugin [--profile-dir DIR], package-plugin.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(InfoCommand.Create());
        string? verb = args is [var first, ..] && !first.StartsWith('-') ? first : null;
        if (verb is "serve" or "info")
            return root;
        // The verbs resolve their jobs lazily so that `--help` needs no native library.
        var services = new Lazy<IServiceProvider>(() => CoreServices.BuildCliServices(new ServerOptions()));
        foreach (var capability in Capabilities.All)
        {
            bool found = false;
            foreach (var command in capability.CreateCommands(new LazyServiceProvider(services)))
            {
                root.Subcommands.Add(command);
                found |= command.Name == verb || command.Aliases.Contains(verb ?? "");
            }
            if (found)
                break;
        }
        return root;
    }

    private sealed class LazyServiceProvider(Lazy<IServiceProvider> inner) : IServiceProvider
    {
        public object? GetService(Type serviceType) => inner.Value.GetService(serviceType);
    }
}
