namespace Releat.ServiceDefaults.Limits;

/// <summary>
/// Configuration section <c>Grpc:RateLimits</c>: a per-caller token bucket for each policy name, for endpoints marked
/// <c>[EnableRateLimiting("policy")]</c> and for operations inside a call (<see cref="CallerRateLimits"/>).
/// </summary>
public sealed class RateLimitPolicies
{
    public const string SectionName = "Grpc:RateLimits";

    public IDictionary<string, CallerRateLimitOptions> Buckets { get; } =
        new Dictionary<string, CallerRateLimitOptions>(StringComparer.OrdinalIgnoreCase);
}
