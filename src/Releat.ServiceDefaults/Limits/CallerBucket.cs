using System.Threading.RateLimiting;

namespace Releat.ServiceDefaults.Limits;

/// <summary>
/// One caller's bucket of a policy as the rate-limiting middleware sees it: a view onto the shared
/// <see cref="CallerRateLimiters"/> bucket, so the middleware and in-call takes draw on the same tokens. The
/// middleware disposes partitions it considers idle; the shared bucket outlives that, so disposing does nothing.
/// </summary>
internal sealed class CallerBucket(PartitionedRateLimiter<string> shared, string caller) : RateLimiter
{
    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => shared.GetStatistics(caller);

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => shared.AttemptAcquire(caller, permitCount);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        shared.AcquireAsync(caller, permitCount, cancellationToken);
}
