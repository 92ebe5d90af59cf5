using System.Globalization;
using System.Threading.RateLimiting;
using Releat.ServiceDefaults.Grpc;

namespace Releat.ServiceDefaults.Limits;

/// <summary>What a call over its caller's limit is told (RESOURCE_EXHAUSTED, retry-after in seconds), counted once.</summary>
internal readonly record struct RateLimitRefusal(string Detail, string? RetryAfterSeconds)
{
    public const string RetryAfterKey = "retry-after";

    public static RateLimitRefusal From(RateLimitLease lease, string policy, string caller, string path)
    {
        var (service, method) = ServerMetrics.Split(path);
        ServerMetrics.RecordRateLimited(service, method, policy);
        string? retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture)
            : null;
        return new RateLimitRefusal($"Rate limit '{policy}' exceeded for caller '{caller}' on {path}; retry later.", retryAfter);
    }
}
