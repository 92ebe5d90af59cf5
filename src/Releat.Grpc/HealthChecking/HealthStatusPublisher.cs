using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Releat.Grpc.HealthChecking;

/// <summary>
/// Runs the ASP.NET Core health checks every poll interval and publishes the result as the overall ("") status;
/// when the application starts stopping it flips every status to NOT_SERVING so clients drain before shutdown.
/// </summary>
internal sealed class HealthStatusPublisher(
    GrpcHealthStatus status,
    HealthCheckService healthChecks,
    IOptions<GrpcHealthChecksOptions> options,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    public async Task<ServingStatus> EvaluateAsync(CancellationToken cancellationToken)
    {
        var report = await healthChecks.CheckHealthAsync(options.Value.Predicate, cancellationToken).ConfigureAwait(false);
        var serving = report.Status == HealthStatus.Unhealthy ? ServingStatus.NotServing : ServingStatus.Serving;
        status.SetStatus("", serving);
        return status.GetStatus("") ?? serving;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var drain = lifetime.ApplicationStopping.Register(status.EnterShutdown);
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        do
        {
            try
            {
                await EvaluateAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
        while (await WaitForTickAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitForTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
