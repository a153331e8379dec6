using System.Reflection;
using GisBridge.Algorithms.Common;
using GisBridge.Protocol.V1;
using GisBridge.Server.Hosting;

namespace GisBridge.Server.Info;

/// <summary>What this server is: versions, protocol, device, capabilities. Shared by the RPC and `gisbridge info`.</summary>
public sealed class ServerInfoProvider(ServerOptions options, Func<string> gdalVersion, Func<long> gdalCacheBytes)
{
    /// <summary>Bumped when a message or RPC changes incompatibly; the plugin refuses a server of another version.</summary>
    public const int ProtocolVersion = 1;

    public static string ServerVersion =>
        typeof(ServerInfoProvider).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    public GetInfoResponse Describe()
    {
        var response = new GetInfoResponse
        {
            ServerVersion = ServerVersion,
            ProtocolVersion = ProtocolVersion,
            GdalVersion = Safe(gdalVersion, ""),
            GdalCacheBytes = Safe(gdalCacheBytes, 0L),
            TorchDevice = Safe(() => TorchRuntime.DefaultDeviceName, ""),
            MaxRasterBytes = options.MaxRasterBytes,
        };
        response.Capabilities.AddRange(Capabilities.Names);
        return response;
    }

    // A missing native library must not break the info call: it reports what is missing instead.
    private static T Safe<T>(Func<T> f, T missing)
    {
        try
        {
            return f();
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or InvalidOperationException or NotSupportedException or Io.Gdal.GdalException)
        {
            return missing;
        }
    }
}
