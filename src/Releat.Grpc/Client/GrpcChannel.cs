using System.Net;
using Grpc.Core;
using Releat.Grpc.Client;

namespace Releat.Grpc;

/// <summary>
/// A client connection target over one shared HttpClient: HTTP/2 with prior knowledge for http://, ALPN for https://,
/// more HTTP/2 connections opened when one is full of streams. Create one per server and reuse it; it is thread-safe.
/// </summary>
public sealed class GrpcChannel : ChannelBase, IDisposable
{
    internal const string UserAgent = "grpc-releat/1.0";

    private readonly HttpCallInvoker _invoker;
    private readonly ChannelAuthorization? _authorization;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Uri> _methodUris = new(StringComparer.Ordinal);

    private GrpcChannel(Uri address, GrpcChannelOptions options)
        : base(address.OriginalString)
    {
        Address = address;
        Options = options;
        if (options.HttpHandler is not null && (options.ClientCertificate is not null || options.ServerCertificateAuthority is not null))
        {
            throw new ArgumentException(
                "GrpcChannelOptions.ClientCertificate and ServerCertificateAuthority apply to the channel's own handler; " +
                "with a custom HttpHandler set them on its SslOptions instead.", nameof(options));
        }

        _authorization = ChannelAuthorization.From(options);
        var handler = options.HttpHandler ?? CreateDefaultHandler(options);
        HttpClient = new HttpClient(handler, disposeHandler: options.HttpHandler is null || options.DisposeHttpClient)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        Resilience = options.Resilience is null ? null : new UnaryResilience(options.Resilience);
        _invoker = new HttpCallInvoker(this);
    }

    public Uri Address { get; }

    internal GrpcChannelOptions Options { get; }

    internal HttpClient HttpClient { get; }

    internal UnaryResilience? Resilience { get; }

    /// <summary>The authorization header value for the next call, or null when the channel sends none.</summary>
    internal string? AuthorizationHeader() => _authorization?.HeaderValue();

    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) =>
        ForAddress(new Uri(address ?? throw new ArgumentNullException(nameof(address)), UriKind.Absolute), options);

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"Channel address '{address}' must be http:// or https://.", nameof(address));
        }

        return new GrpcChannel(address, options ?? new GrpcChannelOptions());
    }

    public override CallInvoker CreateCallInvoker() => _invoker;

    /// <summary>The request URI of a method, built once per channel: Uri construction is costly on a per-call path.</summary>
    internal Uri UriFor(IMethod method) => _methodUris.GetOrAdd(method.FullName, static (path, address) => new Uri(address, path), Address);

    /// <summary>Closes the channel's connections; the handler is disposed too unless options said otherwise.</summary>
    public void Dispose() => HttpClient.Dispose();

    private static SocketsHttpHandler CreateDefaultHandler(GrpcChannelOptions options) => new()
    {
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        SslOptions = ClientTls.Options(options.ClientCertificate, options.ServerCertificateAuthority),
    };
}
