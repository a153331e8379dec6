using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using GisBridge.Server.Hosting;

namespace GisBridge.Server.Tests.Support;

/// <summary>A real server on a free loopback port, started for a test class and stopped after it.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestServer(WebApplication app, string address, ServerOptions options)
    {
        _app = app;
        Address = address;
        Options = options;
        Channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = 16 << 20, MaxSendMessageSize = 16 << 20 });
    }

    public string Address { get; }
    public ServerOptions Options { get; }
    public GrpcChannel Channel { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<TestServer> StartAsync(Action<ServerOptions>? configure = null)
    {
        var options = new ServerOptions { Port = 0 };
        configure?.Invoke(options);
        var app = ServerHost.Build(options);
        await app.StartAsync();
        var address = app.Urls.First();
        return new TestServer(app, address, options);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
