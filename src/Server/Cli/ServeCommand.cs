using System.CommandLine;
using GisBridge.Server.Hosting;

namespace GisBridge.Server.Cli;

/// <summary>`gisbridge serve`: runs the gRPC server until interrupted.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "Address to bind (default 127.0.0.1; others need --token)", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "TCP port (default 50051; 0 picks a free one)", DefaultValueFactory = _ => 50051 };
        var token = new Option<string?>("--token") { Description = "Bearer token required from clients (or env GISBRIDGE_TOKEN)" };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "PEM certificate for TLS" };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key for TLS" };
        var jobs = new Option<int?>("--max-concurrent-jobs") { Description = "Jobs run at once; others queue (default: cores / 2)" };
        var maxRaster = new Option<long?>("--max-raster-mb") { Description = "Largest raster accepted per job, MB (default 2048)" };
        var idle = new Option<double?>("--input-idle-timeout") { Description = "Seconds a job waits for the next input message before it ends the call (default 30)" };
        var budget = new Option<long?>("--memory-budget-mb") { Description = "Raster data held at once by all calls, MB (default: half the machine's memory)" };
        var roots = new Option<string[]>("--allow-root")
        {
            Description = "Folder under which clients may pass local paths (repeatable; default: none, data must be streamed)",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("serve", "Run the gRPC processing server") { host, port, token, tlsCert, tlsKey, jobs, maxRaster, idle, budget, roots };
        command.SetAction(async (parse, ct) =>
        {
            var options = new ServerOptions
            {
                Host = parse.GetValue(host)!,
                Port = parse.GetValue(port),
                Token = parse.GetValue(token) ?? NullIfEmpty(Environment.GetEnvironmentVariable("GISBRIDGE_TOKEN")),
                TlsCertificatePem = parse.GetValue(tlsCert),
                TlsKeyPem = parse.GetValue(tlsKey),
            };
            if (parse.GetValue(jobs) is int j) options.MaxConcurrentJobs = Math.Max(1, j);
            if (parse.GetValue(maxRaster) is long mb) options.MaxRasterBytes = Math.Max(1, mb) << 20;
            if (parse.GetValue(idle) is double seconds) options.InputIdleTimeout = TimeSpan.FromSeconds(double.IsFinite(seconds) ? Math.Clamp(seconds, 0, 86400) : 0);
            if (parse.GetValue(budget) is long bmb) options.MemoryBudgetBytes = Math.Max(1, bmb) << 20;
            options.AllowedRoots.AddRange((parse.GetValue(roots) ?? []).Select(Path.GetFullPath));
            if (ServerHost.Validate(options) is string problem)
            {
                Console.Error.WriteLine($"error: {problem}");
                return 2;
            }
            var app = ServerHost.Build(options);
            await app.StartAsync(ct);
            // The plugin reads this line to learn the port when it asked for port 0.
            Console.WriteLine($"gisbridge server listening on {string.Join(", ", app.Urls)}");
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
