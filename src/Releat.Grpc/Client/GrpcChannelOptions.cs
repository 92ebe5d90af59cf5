namespace Releat.Grpc;

/// <summary>Settings for a client channel (mirrors Grpc.Net.Client's GrpcChannelOptions where the names overlap).</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>Larger response messages fail the call with RESOURCE_EXHAUSTED; null means no limit.</summary>
    public int? MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Larger request messages fail the call with RESOURCE_EXHAUSTED before anything is sent; null means no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// The handler requests go through, e.g. a SocketsHttpHandler with TLS settings, or a test double. When null the
    /// channel creates a SocketsHttpHandler with several HTTP/2 connections allowed.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Whether disposing the channel disposes <see cref="HttpHandler"/> too.</summary>
    public bool DisposeHttpClient { get; set; } = true;

    /// <summary>Retry, attempt timeout and circuit breaker for unary calls; null leaves calls unprotected.</summary>
    public GrpcResilienceOptions? Resilience { get; set; }
}
