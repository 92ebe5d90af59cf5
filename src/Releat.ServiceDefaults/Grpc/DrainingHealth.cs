using Grpc.AspNetCore.HealthChecks;
using Grpc.AspNetCore.Server;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Releat.ServiceDefaults.Grpc;

/// <summary>
/// NOT_SERVING from the moment the host starts stopping (SIGTERM): as a health check, so every Check and every
/// publication reports it, and pushed at once to the health service for "" and every mapped gRPC service, so Watch
/// streams and load balancers drain the server before it closes (the publisher would only notice on its next run).
/// </summary>
internal sealed class DrainingHealth(
    IHostApplicationLifetime lifetime, HealthServiceImpl health, EndpointDataSource endpoints, IOptions<GrpcHealthChecksOptions> options)
    : IHealthCheck, IHostedLifecycleService
{
    public const string Name = "draining";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("The host is shutting down.")
            : HealthCheckResult.Healthy());

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        // Once the web host has started, its endpoints are known: every mapped service answers Check and Watch under
        // its own name, following the same health checks as "".
        var mapped = options.Value.Services;
        foreach (var service in MappedServices(endpoints))
        {
            if (!mapped.Any(m => m.Name == service))
            {
                mapped.Map(service, _ => true);
            }
        }

        lifetime.ApplicationStopping.Register(() =>
        {
            health.SetStatus("", ServingStatus.NotServing);
            foreach (var service in MappedServices(endpoints))
            {
                health.SetStatus(service, ServingStatus.NotServing);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The full names of the gRPC services mapped on this host (health and reflection included).</summary>
    public static IEnumerable<string> MappedServices(EndpointDataSource endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.Endpoints
            .Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.ServiceName)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);
    }
}
