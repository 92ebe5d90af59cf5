using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Releat.Grpc.HealthChecking;
using Releat.Grpc.Server;

namespace Releat.Grpc;

/// <summary>The standard gRPC health service (mirrors Grpc.AspNetCore.HealthChecks' registration names).</summary>
public static class GrpcHealthChecksExtensions
{
    /// <summary>Registers health checking; returns the ASP.NET Core health checks builder to add checks to.</summary>
    public static IHealthChecksBuilder AddGrpcHealthChecks(this IServiceCollection services, Action<GrpcHealthChecksOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGrpc();
        services.AddOptions<GrpcHealthChecksOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        // Registered once even if called twice: two publishers would poll the health checks twice.
        if (!services.Any(d => d.ServiceType == typeof(HealthStatusPublisher)))
        {
            services.AddSingleton(provider => new GrpcHealthStatus(provider.GetRequiredService<GrpcServiceRegistry>()));
            services.AddSingleton<HealthStatusPublisher>();
            services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<HealthStatusPublisher>());
            services.AddSingleton<HealthService>();
        }

        return services.AddHealthChecks();
    }

    /// <summary>Maps grpc.health.v1.Health (Check and Watch).</summary>
    public static IEndpointConventionBuilder MapGrpcHealthChecksService(this IEndpointRouteBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _ = builder.ServiceProvider.GetService<HealthService>() ?? throw new InvalidOperationException(
            "MapGrpcHealthChecksService() needs services.AddGrpcHealthChecks() in the service registrations.");
        return builder.MapGrpcService<HealthService>();
    }
}
