namespace Releat.ServiceDefaults.Limits;

/// <summary>
/// The bucket a service declares for a policy its endpoints name, so it runs on built-in limits when the
/// configuration says nothing (a host started without its appsettings.json); <c>Grpc:RateLimits:{policy}</c> still
/// overrides it field by field.
/// </summary>
internal sealed record CallerRateLimitDefault(string Policy, int TokenLimit, int TokensPerPeriod, TimeSpan ReplenishmentPeriod)
{
    public CallerRateLimitOptions ToOptions() =>
        new() { TokenLimit = TokenLimit, TokensPerPeriod = TokensPerPeriod, ReplenishmentPeriod = ReplenishmentPeriod };
}
