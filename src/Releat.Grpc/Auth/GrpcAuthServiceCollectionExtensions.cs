using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Releat.Grpc.Auth;

namespace Releat.Grpc;

/// <summary>
/// Turns on bearer-token authentication for every gRPC service mapped afterwards (ServiceDefaults calls this with
/// the "Auth" configuration section). Without it, services are served without any authentication.
/// </summary>
public static class GrpcAuthServiceCollectionExtensions
{
    public static IServiceCollection AddGrpcAuthentication(this IServiceCollection services, Action<GrpcAuthOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGrpc();
        services.AddOptions<GrpcAuthOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (!services.Any(d => d.ServiceType == typeof(CallerAuthentication)))
        {
            services.AddSingleton<CallerAuthentication>();
            services.AddSingleton<AnonymousAccessGuard>();
            services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<AnonymousAccessGuard>());
        }

        return services;
    }
}
