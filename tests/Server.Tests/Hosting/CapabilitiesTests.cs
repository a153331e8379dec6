using GisBridge.Server.Cli;
using GisBridge.Server.Hosting;

namespace GisBridge.Server.Tests.Hosting;

/// <summary>Capabilities are declared by assembly attributes; none may be forgotten, and the CLI still has every verb.</summary>
public sealed class CapabilitiesTests
{
    [Fact]
    public void EveryCapabilityType_IsDeclared()
    {
        var implemented = typeof(ICapability).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICapability).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        Assert.Equal(implemented, Capabilities.All.Select(c => c.GetType()));
        Assert.Contains("anomaly-indices", Capabilities.Names);
    }

    [Fact]
    public void CommandTree_HasEveryVerbForHelp_AndTheCapabilitiesUpToTheVerbRun()
    {
        var all = CliRoot.Create().Subcommands.Select(c => c.Name).ToList();
        var everyVerb = Capabilities.All.SelectMany(c => c.CreateCommands(new EmptyServices()).Select(v => v.Name)).ToList();
        Assert.Equal(["serve", "info", .. everyVerb], all);
        Assert.Equal(all, CliRoot.Create(["--help"]).Subcommands.Select(c => c.Name));
        Assert.Equal(all, CliRoot.Create(["no-such-verb"]).Subcommands.Select(c => c.Name)); // the parser can suggest a verb
        foreach (var verb in everyVerb)
            Assert.Contains(verb, CliRoot.Create([verb, "--help"]).Subcommands.Select(c => c.Name));
        Assert.True(CliRoot.Create(["indices"]).Subcommands.Count < all.Count);
        Assert.Equal(["serve", "info"], CliRoot.Create(["serve"]).Subcommands.Select(c => c.Name));
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
