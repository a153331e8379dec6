using Grpc.Core;
using GisBridge.Server.Tests.Support;

namespace GisBridge.Server.Tests.Hosting;

/// <summary>
/// A request that does not parse is INVALID_ARGUMENT on every service, the standard health and reflection services
/// included (grpc-dotnet alone answers UNKNOWN: its parser runs before any handler).
/// </summary>
public sealed class MalformedMessageTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(b => b, b => b);

    // Field 1 (a string in every request below) holding bytes that are not UTF-8.
    private static readonly byte[] NotUtf8 = [0x0a, 0x02, 0xff, 0xfe];
    // A length prefix running past the end of the message.
    private static readonly byte[] Truncated = [0x0a, 0x7f, 0x01];

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, byte[]> UnaryCases => new()
    {
        { "/grpc.health.v1.Health/Check", NotUtf8 },
        { "/grpc.health.v1.Health/Check", Truncated },
        { "/gisbridge.v1.ServerInfo/GetInfo", Truncated },
    };

    [Theory]
    [MemberData(nameof(UnaryCases))]
    public async Task UnaryRequestThatDoesNotParseIsInvalidArgument(string path, byte[] body)
    {
        var method = Method(MethodType.Unary, path);
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            _server.Channel.CreateCallInvoker().AsyncUnaryCall(method, null, Deadline(), body).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("not a valid", e.Status.Detail);
    }

    public static TheoryData<string, byte[]> StreamingCases => new()
    {
        { "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", NotUtf8 },
        { "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", NotUtf8 },
        { "/grpc.health.v1.Health/Watch", NotUtf8 },
        { "/gisbridge.v1.Gravity/UpwardContinuation", Truncated },
    };

    [Theory]
    [MemberData(nameof(StreamingCases))]
    public async Task StreamedRequestThatDoesNotParseIsInvalidArgument(string path, byte[] body)
    {
        var invoker = _server.Channel.CreateCallInvoker();
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            if (path.EndsWith("/Watch", StringComparison.Ordinal))
            {
                using var call = invoker.AsyncServerStreamingCall(Method(MethodType.ServerStreaming, path), null, Deadline(), body);
                while (await call.ResponseStream.MoveNext(CancellationToken.None)) { }
                return;
            }
            using var duplex = invoker.AsyncDuplexStreamingCall(Method(MethodType.DuplexStreaming, path), null, Deadline());
            await duplex.RequestStream.WriteAsync(body);
            await duplex.RequestStream.CompleteAsync();
            while (await duplex.ResponseStream.MoveNext(CancellationToken.None)) { }
        });
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    private static CallOptions Deadline() => new(deadline: DateTime.UtcNow.AddSeconds(10));

    private static Method<byte[], byte[]> Method(MethodType type, string path)
    {
        int slash = path.LastIndexOf('/');
        return new Method<byte[], byte[]>(type, path[1..slash], path[(slash + 1)..], Raw, Raw);
    }
}
