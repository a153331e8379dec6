using Grpc.Core;
using Grpc.Health.V1;
using GisBridge.Protocol.V1;
using GisBridge.Server.Hosting;
using GisBridge.Server.Tests.Support;

namespace GisBridge.Server.Tests.Hosting;

public class SecurityTests
{
    [Fact]
    public void NonLoopbackWithoutTokenIsRefused()
    {
        var problem = ServerHost.Validate(new ServerOptions { Host = "0.0.0.0" });
        Assert.NotNull(problem);
        Assert.Contains("token", problem);
        Assert.Null(ServerHost.Validate(new ServerOptions { Host = "0.0.0.0", Token = "s3cret" }));
        Assert.Null(ServerHost.Validate(new ServerOptions()));
    }

    [Fact]
    public async Task WrongOrMissingTokenIsUnauthenticatedButHealthStaysOpen()
    {
        await using var server = await TestServer.StartAsync(o => o.Token = "s3cret");
        var client = new ServerInfo.ServerInfoClient(server.Channel);
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await client.GetInfoAsync(new GetInfoRequest()));
        Assert.Equal(StatusCode.Unauthenticated, missing.StatusCode);
        var wrong = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.GetInfoAsync(new GetInfoRequest(), new Metadata { { "authorization", "Bearer nope" } }));
        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);
        var ok = await client.GetInfoAsync(new GetInfoRequest(), new Metadata { { "authorization", "Bearer s3cret" } });
        Assert.True(ok.ProtocolVersion > 0);
        var health = await new Health.HealthClient(server.Channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }
}
