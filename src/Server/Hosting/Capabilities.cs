namespace GisBridge.Server.Hosting;

/// <summary>All capabilities of this server, in a stable order.</summary>
public static class Capabilities
{
    public static IReadOnlyList<ICapability> All { get; } = typeof(Capabilities).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICapability).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (ICapability)Activator.CreateInstance(t)!)
        .ToArray();

    public static IEnumerable<string> Names => All.SelectMany(c => c.Features);
}
