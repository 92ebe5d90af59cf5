using System.Security.Cryptography.X509Certificates;

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

    /// <summary>
    /// Sent as <c>authorization: Bearer &lt;token&gt;</c> on every call (unless the call's own metadata has an
    /// authorization entry). Use TLS beyond loopback: the token is a password.
    /// </summary>
    public string? BearerToken { get; set; }

    /// <summary>
    /// Asked for the token on every call instead of <see cref="BearerToken"/>, e.g. to pick up a rotated secret file;
    /// it should be cheap (cache). Returning null or empty sends no authorization.
    /// </summary>
    public Func<string?>? BearerTokenProvider { get; set; }

    /// <summary>Presented to servers that ask for one (mutual TLS). Needs its private key. Only with the channel's own handler.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>
    /// Trust only certificates issued by this authority for the server (a private CA), instead of the system's
    /// trust store; the server's name is still checked. Only with the channel's own handler.
    /// </summary>
    public X509Certificate2? ServerCertificateAuthority { get; set; }
}
