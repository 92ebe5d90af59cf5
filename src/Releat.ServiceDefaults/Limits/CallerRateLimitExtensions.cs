using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Releat.ServiceDefaults.Limits;

/// <summary>
/// Per-caller token buckets from Grpc:RateLimits as ASP.NET Core rate-limiter policies ([EnableRateLimiting("orders")]
/// on a method), the same buckets for handlers that take a token per operation (<see cref="CallerRateLimits"/>).
/// A service declares the limits its policies start from (<see cref="AddCallerRateLimitDefault"/>); configuration
/// overrides them field by field. A policy an endpoint names with neither stops the host before it listens.
/// </summary>
public static class CallerRateLimitExtensions
{
    public static IServiceCollection AddCallerRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RateLimitPolicies>().Configure<IEnumerable<CallerRateLimitDefault>>((o, defaults) =>
        {
            foreach (var declared in defaults)
            {
                o.Buckets[declared.Policy] = declared.ToOptions();
            }

            // Each configured policy binds onto its declared default, so a setting left out keeps the service's value.
            foreach (var section in configuration.GetSection(RateLimitPolicies.SectionName).GetChildren())
            {
                if (!o.Buckets.TryGetValue(section.Key, out var bucket))
                {
                    bucket = new CallerRateLimitOptions();
                    o.Buckets[section.Key] = bucket;
                }

                section.Bind(bucket);
            }
        });
        services.AddSingleton<CallerRateLimiters>();
        services.AddSingleton<CallerRateLimits>();
        services.AddTransient<IStartupFilter, RateLimitPolicyCheck>();
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

    /// <summary>
    /// The per-caller bucket <paramref name="policy"/> has unless <c>Grpc:RateLimits:{policy}</c> says otherwise: a
    /// service that names a policy on its endpoints declares it here, so it works on built-in limits.
    /// </summary>
    public static IServiceCollection AddCallerRateLimitDefault(
        this IServiceCollection services, string policy, int tokenLimit, int tokensPerPeriod, TimeSpan replenishmentPeriod)
    {
        ArgumentException.ThrowIfNullOrEmpty(policy);
        services.AddSingleton(new CallerRateLimitDefault(policy, tokenLimit, tokensPerPeriod, replenishmentPeriod));
        return services;
    }
}
