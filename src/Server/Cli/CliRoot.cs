using System.CommandLine;
using GisBridge.Server.Hosting;

namespace GisBridge.Server.Cli;

/// <summary>The `gisbridge` command line: the server and every capability's batch verbs.</summary>
public static class CliRoot
{
    /// <summary>
    /// The command tree for <paramref name="args"/>. When the first argument names a capability's verb, only the
    /// capabilities up to the one that has it are built, without serve and info (each verb's options cost start-up
    /// time, and a CLI job pays it on every run); help, options, serve, info and unknown verbs get the whole tree.
    /// </summary>
    public static RootCommand Create(IReadOnlyList<string>? args = null)
    {
        var root = new RootCommand(
            "GisBridge processing server and batch tools for marine and solid-earth geoscience.\n" +
            "The launcher ./gisbridge adds: demo (set up and run the demo), test (set up and run every test), " +
            "install-plugin [--profile-dir DIR], package-plugin.");
        root.Options.Add(GdalCacheOption.Create());
        string? verb = args is [var first, ..] && !first.StartsWith('-') ? first : null;
        if (verb is not ("serve" or "info") && AddCapabilityVerbs(root, verb))
            return root;
        root.Subcommands.Insert(0, ServeCommand.Create());
        root.Subcommands.Insert(1, InfoCommand.Create());
        return root;
    }

    /// <summary>Parses <paramref name="args"/>, applies the process-wide options and runs the verb.</summary>
    public static Task<int> InvokeAsync(string[] args)
    {
        var parse = Create(args).Parse(args);
        if (parse.Errors.Count == 0)
            GdalCacheOption.Apply(parse);
        return parse.InvokeAsync();
    }

    /// <summary>
    /// Adds the capabilities' verbs, stopping after the capability that has <paramref name="verb"/> (true) or adding
    /// them all (false when none has it, or no verb is given).
    /// </summary>
    private static bool AddCapabilityVerbs(RootCommand root, string? verb)
    {
        // The verbs resolve their jobs lazily so that `--help` needs no native library.
        var services = new Lazy<IServiceProvider>(() => CoreServices.BuildCliServices(new ServerOptions()));
        foreach (var capability in Capabilities.All)
        {
            bool found = false;
            foreach (var command in capability.CreateCommands(new LazyServiceProvider(services)))
            {
                root.Subcommands.Add(command);
                found |= verb is not null && (command.Name == verb || command.Aliases.Contains(verb));
            }
            if (found)
                return true;
        }
        return false;
    }

    private sealed class LazyServiceProvider(Lazy<IServiceProvider> inner) : IServiceProvider
    {
        public object? GetService(Type serviceType) => inner.Value.GetService(serviceType);
    }
}
