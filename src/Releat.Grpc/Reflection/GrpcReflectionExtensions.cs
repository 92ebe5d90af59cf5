using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Releat.Grpc.Reflection;

namespace Releat.Grpc;

/// <summary>Server reflection, v1 and v1alpha, so grpcurl and similar tools can discover services (mirrors Grpc.AspNetCore.Server.Reflection).</summary>
public static class GrpcReflectionExtensions
{
    public static IServiceCollection AddGrpcReflection(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGrpc();
        services.TryAddSingleton<ReflectionResolver>();
        services.TryAddSingleton<ServerReflectionV1Service>();
        services.TryAddSingleton<ServerReflectionV1AlphaService>();
        return services;
    }

    /// <summary>Maps both protocol versions; each lists every mapped service, itself included.</summary>
    public static IEndpointConventionBuilder MapGrpcReflectionService(this IEndpointRouteBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _ = builder.ServiceProvider.GetService<ReflectionResolver>() ?? throw new InvalidOperationException(
            "MapGrpcReflectionService() needs services.AddGrpcReflection() in the service registrations.");
        var v1 = builder.MapGrpcService<ServerReflectionV1Service>();
        var v1Alpha = builder.MapGrpcService<ServerReflectionV1AlphaService>();
        return new Server.CompositeEndpointConventionBuilder([v1, v1Alpha]);
    }
}
