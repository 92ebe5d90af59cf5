using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Releat.ServiceDefaults.Limits;

/// <summary>
/// One partitioned token-bucket limiter per configured policy, partitioned by caller name, shared by the rate-limiting
/// middleware ([EnableRateLimiting]) and by handlers that take a token per operation, so both draw on one bucket.
/// A policy an endpoint names without a bucket (declared default or configuration) fails the host's start
/// (<see cref="RateLimitPolicyCheck"/>).
/// </summary>
public sealed class CallerRateLimiters(IOptions<RateLimitPolicies> options) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PartitionedRateLimiter<string>> _limiters = new(StringComparer.OrdinalIgnoreCase);

    public PartitionedRateLimiter<string> For(string policy, string method)
    {
        lock (_gate)
        {
            if (_limiters.TryGetValue(policy, out var existing))
            {
                return existing;
            }

            if (!options.Value.Buckets.TryGetValue(policy, out var settings))
            {
                throw new InvalidOperationException(
                    $"{method} is [EnableRateLimiting(\"{policy}\")] but {RateLimitPolicies.SectionName}:{policy} is not configured " +
                    "(TokenLimit, TokensPerPeriod, ReplenishmentPeriod) and the service declares no default for it " +
                    "(AddCallerRateLimitDefault).");
            }

            var bucket = Validate(settings, policy);
            var limiter = PartitionedRateLimiter.Create<string, string>(
                caller => RateLimitPartition.GetTokenBucketLimiter(caller, _ => bucket), StringComparer.Ordinal);
            _limiters.Add(policy, limiter);
            return limiter;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var limiter in _limiters.Values)
            {
                limiter.Dispose();
            }

            _limiters.Clear();
        }
    }

    private static TokenBucketRateLimiterOptions Validate(CallerRateLimitOptions settings, string policy)
    {
        if (settings.TokenLimit < 1 || settings.TokensPerPeriod < 1 || settings.ReplenishmentPeriod <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"Grpc:RateLimits:{policy} needs TokenLimit >= 1, TokensPerPeriod >= 1 and a positive ReplenishmentPeriod; " +
                $"got {settings.TokenLimit}, {settings.TokensPerPeriod}, {settings.ReplenishmentPeriod}.");
        }

        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.TokenLimit,
            TokensPerPeriod = settings.TokensPerPeriod,
            ReplenishmentPeriod = settings.ReplenishmentPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
