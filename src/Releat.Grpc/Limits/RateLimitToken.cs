using System.Globalization;
using System.Threading.RateLimiting;
using Grpc.Core;
using Releat.Grpc.Server;

namespace Releat.Grpc.Limits;

/// <summary>One token from a caller's bucket; what a call over the limit is told (status, retry-after trailer, metric).</summary>
internal static class RateLimitToken
{
    private const string RetryAfterKey = "retry-after";

    /// <summary>Null when the token was taken; otherwise RESOURCE_EXHAUSTED naming the policy, caller and method.</summary>
    public static Status? TryTake(PartitionedRateLimiter<string> limiter, string policy, string fullMethod, ServerCallContext call, string callerName)
    {
        using var lease = limiter.AttemptAcquire(callerName);
        if (lease.IsAcquired)
        {
            return null;
        }

        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            call.ResponseTrailers.Add(RetryAfterKey, Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        }

        var (service, method) = Split(fullMethod);
        GrpcServerMetrics.RecordRateLimited(service, method, policy);
        return new Status(StatusCode.ResourceExhausted, $"Rate limit '{policy}' exceeded for caller '{callerName}' on {fullMethod}; retry later.");
    }

    private static (string Service, string Method) Split(string fullMethod)
    {
        int slash = fullMethod.LastIndexOf('/');
        return slash <= 0 ? (fullMethod, "") : (fullMethod[1..slash], fullMethod[(slash + 1)..]);
    }
}
