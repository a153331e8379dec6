using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;

namespace GisBridge.Server.Hosting;

/// <summary>
/// One rule for every service the server maps (ours, health, reflection): a request that does not parse as its
/// message type is answered INVALID_ARGUMENT. grpc-dotnet decodes requests before any interceptor or handler runs
/// and reports a parser's exception as UNKNOWN, so the guard sits where methods are bound: it takes the place of
/// grpc-dotnet's binder-based method provider and gives each method a request marshaller whose parse failures are
/// RpcExceptions.
/// </summary>
public static class MalformedMessageGuard
{
    /// <summary>Call after every AddGrpc* registration (each may add grpc-dotnet's own binder provider again).</summary>
    public static IServiceCollection AddMalformedMessageGuard(this IServiceCollection services)
    {
        var stock = services.Where(d => d.ServiceType == typeof(IServiceMethodProvider<>) &&
                                        d.ImplementationType?.Name == "BinderServiceMethodProvider`1").ToList();
        if (stock.Count == 0)
            throw new InvalidOperationException("grpc-dotnet's BinderServiceMethodProvider is not registered (changed package?): " +
                                                "the malformed-message guard cannot take its place");
        foreach (var d in stock) services.Remove(d);
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(GuardedBinderMethodProvider<>));
        return services;
    }

    /// <summary>The method with a request marshaller that turns a parse failure into INVALID_ARGUMENT.</summary>
    public static Method<TRequest, TResponse> Guarded<TRequest, TResponse>(Method<TRequest, TResponse> method)
    {
        var inner = method.RequestMarshaller;
        string type = typeof(TRequest).Name;
        var marshaller = new Marshaller<TRequest>(inner.ContextualSerializer, context =>
        {
            try
            {
                return inner.ContextualDeserializer(context);
            }
            catch (Exception e) when (e is not RpcException)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument,
                    $"{method.FullName}: the request is not a valid {type} ({e.Message})"));
            }
        });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, marshaller, method.ResponseMarshaller);
    }
}

/// <summary>
/// Binds a generated service as grpc-dotnet's BinderServiceMethodProvider does (the BindService method named by the
/// service base's BindServiceMethodAttribute, handlers matched to the overriding methods), with guarded marshallers.
/// </summary>
internal sealed class GuardedBinderMethodProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] TService>
    : IServiceMethodProvider<TService> where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        for (Type? t = typeof(TService); t is not null; t = t.BaseType)
        {
            var attribute = t.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false);
            if (attribute is null) continue;
            var bind = attribute.BindType.GetMethod(attribute.BindMethodName, BindingFlags.Public | BindingFlags.Static,
                null, [typeof(ServiceBinderBase), t], null)
                ?? throw new InvalidOperationException($"{attribute.BindType}.{attribute.BindMethodName} not found for {typeof(TService)}");
            bind.Invoke(null, [new Binder(context, t), null]);
            return;
        }
    }

    private sealed class Binder(ServiceMethodProviderContext<TService> context, Type declaringType) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Find<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext));
            context.AddUnaryMethod(MalformedMessageGuard.Guarded(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Find<ClientStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
            context.AddClientStreamingMethod(MalformedMessageGuard.Guarded(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Find<ServerStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddServerStreamingMethod(MalformedMessageGuard.Guarded(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Find<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddDuplexStreamingMethod(MalformedMessageGuard.Guarded(method), metadata, invoker);
        }

        private (TDelegate, List<object>) Find<TDelegate>(string name, params Type[] parameters) where TDelegate : Delegate
        {
            // The override of the generated base's virtual method (a method of the same name that hides it is skipped).
            for (Type? t = typeof(TService); t is not null; t = t.BaseType)
            {
                var m = t.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, null, parameters, null);
                if (m is null) break;
                if (!m.IsVirtual || m.GetBaseDefinition().DeclaringType != declaringType) continue;
                var metadata = new List<object>();
                metadata.AddRange(typeof(TService).GetCustomAttributes(inherit: true));
                metadata.AddRange(m.GetCustomAttributes(inherit: true));
                metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
                return ((TDelegate)Delegate.CreateDelegate(typeof(TDelegate), m), metadata);
            }
            throw new InvalidOperationException($"could not find '{name}' on {typeof(TService)}");
        }
    }
}
