using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Releat.ServiceDefaults.Limits;

/// <summary>
/// Fails the host's start, before Kestrel listens, when an endpoint is [EnableRateLimiting("x")] and x has neither a
/// declared default nor Grpc:RateLimits:x, or its bucket is invalid: ASP.NET Core would only find out on the first
/// call (an HTTP 500 for every order). A startup filter, because the endpoints are known only once the pipeline is
/// built: a hosted service's StartingAsync runs before that and would see none.
/// </summary>
internal sealed class RateLimitPolicyCheck : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        var limiters = app.ApplicationServices.GetRequiredService<CallerRateLimiters>();
        foreach (var endpoint in app.ApplicationServices.GetRequiredService<EndpointDataSource>().Endpoints)
        {
            if (endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>() is { PolicyName: { } policy })
            {
                // Builds the policy's limiter: a missing or invalid bucket throws, naming the endpoint and the setting.
                limiters.For(policy, endpoint.DisplayName ?? policy);
            }
        }
    };
}
