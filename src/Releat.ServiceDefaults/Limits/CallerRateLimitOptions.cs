namespace Releat.ServiceDefaults.Limits;

/// <summary>
/// A token bucket per caller (configuration <c>Grpc:RateLimits:{policy}</c>): up to <see cref="TokenLimit"/> calls
/// at once, refilled by <see cref="TokensPerPeriod"/> every <see cref="ReplenishmentPeriod"/>.
/// </summary>
public sealed class CallerRateLimitOptions
{
    /// <summary>The bucket size: the burst a caller may make after being quiet.</summary>
    public int TokenLimit { get; set; } = 10;

    public int TokensPerPeriod { get; set; } = 10;

    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
