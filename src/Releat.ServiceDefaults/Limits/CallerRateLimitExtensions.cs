using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Releat.ServiceDefaults.Limits;

/// <summary>
/// Per-caller token buckets from Grpc:RateLimits as ASP.NET Core rate-limiter policies ([EnableRateLimiting("orders")]
/// on a method), the same buckets for handlers that take a token per operation (<see cref="CallerRateLimits"/>).
/// </summary>
public static class CallerRateLimitExtensions
{
    public static IServiceCollection AddCallerRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RateLimitPolicies>().Configure(o => configuration.GetSection(RateLimitPolicies.SectionName).Bind(o.Buckets));
        services.AddSingleton<CallerRateLimiters>();
        services.AddSingleton<CallerRateLimits>();
        services.AddSingleton<IHostedService, RateLimitPolicyCheck>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<CallerRateLimiters, IOptions<RateLimitPolicies>>((options, limiters, policies) =>
        {
            foreach (var policy in policies.Value.Buckets.Keys)
            {
                options.AddPolicy(policy, new CallerRateLimitPolicy(policy, limiters));
            }
        });
        return services;
    }
}
