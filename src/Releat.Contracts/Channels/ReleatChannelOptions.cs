using System.Security.Cryptography.X509Certificates;

namespace Releat.Contracts.Channels;

/// <summary>
/// What a releat caller sets on a channel beyond Grpc.Net.Client's own options: its bearer token, the private CA it
/// trusts for the server, its client certificate, message limits and the unary resilience pipeline.
/// </summary>
public sealed class ReleatChannelOptions
{
    /// <summary>Larger response messages fail the call with RESOURCE_EXHAUSTED; null means no limit.</summary>
    public int? MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Larger request messages fail the call with RESOURCE_EXHAUSTED before anything is sent; null means no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// Sent as <c>authorization: Bearer &lt;token&gt;</c> on every call. Use TLS beyond loopback: the token is a password.
    /// </summary>
    public string? BearerToken { get; set; }

    /// <summary>
    /// Asked for the token on every call instead of <see cref="BearerToken"/>, e.g. to pick up a rotated secret file;
    /// it should be cheap (cache). Returning null or empty sends no authorization.
    /// </summary>
    public Func<string?>? BearerTokenProvider { get; set; }

    /// <summary>Presented to servers that ask for one (mutual TLS). Needs its private key.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>
    /// Trust only certificates issued by this authority for the server (a private CA), instead of the system's
    /// trust store; the server's name is still checked.
    /// </summary>
    public X509Certificate2? ServerCertificateAuthority { get; set; }

    /// <summary>
    /// The handler calls go through instead of the channel's own SocketsHttpHandler (a test double, other connection
    /// settings). TLS options then belong on it (its SslOptions), not here.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Retry, attempt timeout and circuit breaker for unary calls; null leaves calls unprotected.</summary>
    public GrpcResilienceOptions? Resilience { get; set; }
}
