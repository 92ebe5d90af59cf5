using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Releat.ServiceDefaults.Limits;

/// <summary>
/// Fails the host's start when an endpoint is [EnableRateLimiting("x")] but Grpc:RateLimits:x is not configured:
/// ASP.NET Core would only find out on the first call, and a forgotten limit must not pass silently.
/// </summary>
internal sealed class RateLimitPolicyCheck(EndpointDataSource endpoints, IOptions<RateLimitPolicies> policies) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        foreach (var endpoint in endpoints.Endpoints)
        {
            if (endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>() is { PolicyName: { } policy } &&
                !policies.Value.Buckets.ContainsKey(policy))
            {
                throw new InvalidOperationException(
                    $"{endpoint.DisplayName} is [EnableRateLimiting(\"{policy}\")] but {RateLimitPolicies.SectionName}:{policy} is not " +
                    "configured (TokenLimit, TokensPerPeriod, ReplenishmentPeriod).");
            }
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
