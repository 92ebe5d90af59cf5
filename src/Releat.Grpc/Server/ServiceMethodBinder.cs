using System.Reflection;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Releat.Grpc.Auth;
using Releat.Grpc.Limits;

namespace Releat.Grpc.Server;

/// <summary>
/// Receives a service's methods from its generated BindService (called with a null instance) and turns each into
/// a request handler that calls the method on a per-call service instance. The instance method is found by name
/// on <typeparamref name="TService"/> and called through an open-instance delegate, so overrides dispatch normally.
/// Its attributes fix, once, the role the method needs and its rate limit (<see cref="CallGuard"/>).
/// </summary>
internal sealed class ServiceMethodBinder<TService>(
    GrpcServiceOptions options, CallerAuthentication? authentication, CallerRateLimiters rateLimiters, ILogger logger) : ServiceBinderBase
    where TService : class
{
    public List<(IMethod Method, RequestDelegate Handler)> Methods { get; } = [];

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        var invoke = Bind<Func<TService, TRequest, ServerCallContext, Task<TResponse>>>(
            method, typeof(TRequest), typeof(ServerCallContext));
        Methods.Add((method, new UnaryCallHandler<TService, TRequest, TResponse>(method, invoke, options, Guard(method, invoke.Method), logger).HandleCallAsync));
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var invoke = Bind<Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>>(
            method, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
        Methods.Add((method, new ClientStreamingCallHandler<TService, TRequest, TResponse>(method, invoke, options, Guard(method, invoke.Method), logger).HandleCallAsync));
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var invoke = Bind<Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>>(
            method, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        Methods.Add((method, new ServerStreamingCallHandler<TService, TRequest, TResponse>(method, invoke, options, Guard(method, invoke.Method), logger).HandleCallAsync));
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var invoke = Bind<Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>>(
            method, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        Methods.Add((method, new DuplexStreamingCallHandler<TService, TRequest, TResponse>(method, invoke, options, Guard(method, invoke.Method), logger).HandleCallAsync));
    }

    private static TDelegate Bind<TDelegate>(IMethod method, params Type[] parameterTypes)
        where TDelegate : Delegate
    {
        var methodInfo = typeof(TService).GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance, parameterTypes)
            ?? throw new InvalidOperationException(
                $"gRPC method '{method.FullName}' has no public instance method '{method.Name}' on {typeof(TService).FullName}.");
        return methodInfo.CreateDelegate<TDelegate>();
    }

    private CallGuard Guard(IMethod method, MethodInfo implementation)
    {
        var policy = MethodAccessRules.RateLimitPolicy(typeof(TService), implementation);
        return new CallGuard(
            method,
            MethodAccessRules.RequiredRole(typeof(TService), implementation, method.Name),
            authentication,
            policy is null ? null : rateLimiters.For(policy, method.FullName),
            policy,
            logger);
    }
}
