namespace Releat.Grpc;

/// <summary>Server-wide settings for every mapped gRPC service (mirrors Grpc.AspNetCore's GrpcServiceOptions).</summary>
public sealed class GrpcServiceOptions
{
    /// <summary>Larger request messages end the call with RESOURCE_EXHAUSTED; null means no limit.</summary>
    public int? MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Larger response messages end the call with RESOURCE_EXHAUSTED; null means no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// When on, an unexpected handler exception's message travels in grpc-message. Off by default because exception
    /// text can leak internals to clients; the generic "Exception was thrown by handler." is sent instead.
    /// </summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>"gzip" to compress responses for clients that accept it; null sends them uncompressed.</summary>
    public string? ResponseCompressionAlgorithm { get; set; }

    /// <summary>Per-caller token buckets by policy name, for methods marked [RateLimited("policy")].</summary>
    public IDictionary<string, GrpcRateLimitOptions> RateLimits { get; } =
        new Dictionary<string, GrpcRateLimitOptions>(StringComparer.OrdinalIgnoreCase);
}
