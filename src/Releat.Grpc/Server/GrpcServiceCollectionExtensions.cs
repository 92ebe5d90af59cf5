using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Releat.Grpc.Limits;
using Releat.Grpc.Server;

namespace Releat.Grpc;

/// <summary>Registers the gRPC server (mirrors Grpc.AspNetCore's AddGrpc; returns the service collection).</summary>
public static class GrpcServiceCollectionExtensions
{
    public static IServiceCollection AddGrpc(this IServiceCollection services, Action<GrpcServiceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        services.AddOptions<GrpcServiceOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<GrpcServiceRegistry>();
        services.TryAddSingleton<CallerRateLimiters>();
        services.TryAddSingleton(provider => new CallerRateLimits(provider.GetRequiredService<CallerRateLimiters>()));
        return services;
    }
}
