using System.Reflection;

namespace GisBridge.Server.Hosting;

/// <summary>
/// Declares a capability of this server: <c>[assembly: Capability(typeof(XCapability))]</c> in the capability's own
/// file, so that adding one touches no shared file. An attribute, not a scan of the assembly's types: listing
/// every type (protobuf and gRPC code included) cost each CLI run ~20 ms of start-up.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class CapabilityAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}

/// <summary>All capabilities of this server, in a stable order (by type name).</summary>
public static class Capabilities
{
    public static IReadOnlyList<ICapability> All { get; } = typeof(Capabilities).Assembly.GetCustomAttributes<CapabilityAttribute>()
        .Select(a => a.Type)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (ICapability)Activator.CreateInstance(t)!)
        .ToArray();

    public static IEnumerable<string> Names => All.SelectMany(c => c.Features);
}
