using System.Threading.RateLimiting;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Releat.ServiceDefaults.Auth;
using Releat.ServiceDefaults.Grpc;

namespace Releat.ServiceDefaults.Limits;

/// <summary>
/// An ASP.NET Core rate-limiter policy partitioned by caller name over the shared buckets of one configured policy.
/// A refused gRPC call ends with RESOURCE_EXHAUSTED and a retry-after (seconds) in its trailers, never HTTP 429
/// (which gRPC clients read as UNAVAILABLE and retry).
/// </summary>
internal sealed class CallerRateLimitPolicy(string policy, CallerRateLimiters limiters) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        string caller = CallerOf(httpContext);
        var shared = limiters.For(policy, httpContext.Request.Path);
        return RateLimitPartition.Get(caller, name => new CallerBucket(shared, name));
    }

    private static string CallerOf(HttpContext context) =>
        CallerPrincipal.CallerOf(context.User)?.Name ?? Caller.Anonymous.Name;

    private async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var refusal = RateLimitRefusal.From(rejected.Lease, policy, CallerOf(context), context.Request.Path);
        await (refusal.RetryAfterSeconds is { } seconds
            ? GrpcRefusal.WriteAsync(context, StatusCode.ResourceExhausted, StatusCodes.Status429TooManyRequests, refusal.Detail, (RateLimitRefusal.RetryAfterKey, seconds))
            : GrpcRefusal.WriteAsync(context, StatusCode.ResourceExhausted, StatusCodes.Status429TooManyRequests, refusal.Detail)).ConfigureAwait(false);
    }
}
