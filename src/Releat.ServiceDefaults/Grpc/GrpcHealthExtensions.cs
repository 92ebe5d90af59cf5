using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Releat.ServiceDefaults.Grpc;

/// <summary>
/// grpc.health.v1 through Grpc.AspNetCore.HealthChecks: "" and every mapped gRPC service follow the ASP.NET Core
/// health checks (published every 5 s, fresh on each Check), and all go NOT_SERVING when the host starts stopping.
/// </summary>
public static class GrpcHealthExtensions
{
    public static IHealthChecksBuilder AddGrpcHealthWithDraining(this IServiceCollection services)
    {
        services.AddSingleton<DrainingHealth>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<DrainingHealth>());
        services.Configure<HealthCheckPublisherOptions>(options =>
        {
            options.Delay = TimeSpan.Zero;
            options.Period = TimeSpan.FromSeconds(5);
        });
        return services.AddGrpcHealthChecks().AddCheck<DrainingHealth>(DrainingHealth.Name);
    }
}
