using System.Net;
using System.Security.Cryptography.X509Certificates;
using GisBridge.Server.Info;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GisBridge.Server.Hosting;

/// <summary>Builds the gRPC server: Kestrel on HTTP/2, the capabilities, health, reflection and the token check.</summary>
public static class ServerHost
{
    /// <summary>Refuses unsafe settings before anything listens; returns a message for the user or null.</summary>
    public static string? Validate(ServerOptions options)
    {
        if (options.Port is < 0 or > 65535)
            return $"--port must be 0..65535, got {options.Port}";
        if (!options.IsLoopback && string.IsNullOrEmpty(options.Token))
            return $"refusing to listen on {options.Host} without a token: other machines could run jobs and read files. " +
                   "Pass --token (or GISBRIDGE_TOKEN), ideally with --tls-cert/--tls-key, or bind 127.0.0.1.";
        if (options.InputIdleTimeout <= TimeSpan.Zero)
            return $"--input-idle-timeout must be > 0 seconds, got {options.InputIdleTimeout.TotalSeconds}";
        if ((options.TlsCertificatePem is null) != (options.TlsKeyPem is null))
            return "--tls-cert and --tls-key must be given together";
        if (!IPAddress.TryParse(options.Host.Trim('[', ']'), out _) && options.Host != "localhost")
            return $"--host must be an IP address or localhost, got '{options.Host}'";
        return null;
    }

    public static WebApplication Build(ServerOptions options, string[]? args = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            var address = options.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.Host.Trim('[', ']'));
            k.Listen(address, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (options.TlsCertificatePem is not null)
                    listen.UseHttps(X509Certificate2.CreateFromPemFile(options.TlsCertificatePem, options.TlsKeyPem));
            });
            k.Limits.MaxRequestBodySize = null;
            // Queued jobs do not read their stream until a slot frees, so each may hold one stream window of the
            // connection's window; a connection window of many stream windows keeps running jobs from starving.
            k.Limits.Http2.InitialStreamWindowSize = 4 << 20;
            k.Limits.Http2.InitialConnectionWindowSize = 1 << 30;
        });
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = 8 << 20;
            o.MaxSendMessageSize = 8 << 20;
            o.EnableDetailedErrors = true;
            if (!string.IsNullOrEmpty(options.Token)) o.Interceptors.Add<TokenInterceptor>();
        });
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks().AddCheck("gisbridge", () => HealthCheckResult.Healthy("ready"));
        builder.Services.AddMalformedMessageGuard();
        builder.Services.AddGisBridgeCore(options);

        var app = builder.Build();
        app.MapGrpcService<ServerInfoService>();
        foreach (var capability in Capabilities.All) capability.MapGrpc(app);
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
