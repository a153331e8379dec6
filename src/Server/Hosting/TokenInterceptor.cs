using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace GisBridge.Server.Hosting;

/// <summary>Requires "authorization: Bearer TOKEN" on every call except the health check.</summary>
public sealed class TokenInterceptor(ServerOptions options) : Interceptor
{
    private readonly byte[] _token = Encoding.UTF8.GetBytes(options.Token ?? "");

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(requestStream, responseStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(requestStream, context);
    }

    private void Check(ServerCallContext context)
    {
        // The health check stays open so that clients can tell "not running" from "not allowed".
        if (context.Method.StartsWith("/grpc.health.v1.Health/", StringComparison.Ordinal)) return;
        var header = context.RequestHeaders.GetValue("authorization");
        const string prefix = "Bearer ";
        if (header is null || !header.StartsWith(prefix, StringComparison.Ordinal))
            throw new RpcException(new Status(StatusCode.Unauthenticated, "this server requires a token: send 'authorization: Bearer <token>'"));
        var given = Encoding.UTF8.GetBytes(header[prefix.Length..]);
        if (!CryptographicOperations.FixedTimeEquals(given, _token))
            throw new RpcException(new Status(StatusCode.Unauthenticated, "the token is wrong"));
    }
}
