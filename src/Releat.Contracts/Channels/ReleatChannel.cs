using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Releat.Contracts.Channels;

/// <summary>
/// A Grpc.Net.Client channel set up the way releat's callers need it: one SocketsHttpHandler (several HTTP/2
/// connections when one is full, keep-alive pings), the caller's token as call credentials (also over plain
/// http:// on loopback, where the servers run without TLS), TLS that trusts a private CA, and the Polly pipeline
/// for unary calls as an interceptor.
/// </summary>
public sealed class ReleatChannel : IDisposable
{
    private ReleatChannel(GrpcChannel channel, CallInvoker invoker)
    {
        Channel = channel;
        CallInvoker = invoker;
    }

    /// <summary>The underlying channel (for its state and target).</summary>
    public GrpcChannel Channel { get; }

    /// <summary>What generated clients are built on: the channel, through the resilience interceptor when one is set.</summary>
    public CallInvoker CallInvoker { get; }

    /// <summary>Generated clients take the channel as their call invoker: <c>new Trading.TradingClient(channel)</c>.</summary>
    public static implicit operator CallInvoker(ReleatChannel channel) => channel?.CallInvoker ?? throw new ArgumentNullException(nameof(channel));

    public CallInvoker ToCallInvoker() => CallInvoker;

    public static ReleatChannel ForAddress(Uri address, ReleatChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return ForAddress(address.ToString(), options);
    }

    public static ReleatChannel ForAddress(string address, ReleatChannelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        options ??= new ReleatChannelOptions();
        var channel = GrpcChannel.ForAddress(address, GrpcOptions(address, options));
        CallInvoker invoker = options.Resilience is { } resilience
            ? channel.Intercept(new ResilienceInterceptor(resilience))
            : channel.CreateCallInvoker();
        return new ReleatChannel(channel, invoker);
    }

    /// <summary>The Grpc.Net.Client options for these settings: handler, limits and credentials.</summary>
    public static GrpcChannelOptions GrpcOptions(string address, ReleatChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.HttpHandler is not null && (options.ClientCertificate is not null || options.ServerCertificateAuthority is not null))
        {
            throw new ArgumentException(
                "ClientCertificate and ServerCertificateAuthority configure the channel's own handler; with HttpHandler set, " +
                "put them in that handler's SslOptions.", nameof(options));
        }

        var grpc = new GrpcChannelOptions
        {
            HttpHandler = options.HttpHandler ?? Handler(options),
            DisposeHttpClient = true,
            MaxReceiveMessageSize = options.MaxReceiveMessageSize,
            MaxSendMessageSize = options.MaxSendMessageSize,
        };
        if (BearerToken.Credentials(options.BearerToken, options.BearerTokenProvider) is { } token)
        {
            bool secure = address.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
            grpc.Credentials = ChannelCredentials.Create(secure ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure, token);
            // Loopback services run on plain HTTP/2; beyond loopback the deployment uses https:// (docs/SECURITY.md).
            grpc.UnsafeUseInsecureChannelCallCredentials = !secure;
        }

        return grpc;
    }

    /// <summary>The handler a channel's calls go through: TLS settings when a CA or client certificate is given.</summary>
    public static SocketsHttpHandler Handler(ReleatChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        };
        if (options.ClientCertificate is not null || options.ServerCertificateAuthority is not null)
        {
            handler.SslOptions = ClientTls.Options(options.ClientCertificate, options.ServerCertificateAuthority);
        }

        return handler;
    }

    public void Dispose() => Channel.Dispose();
}
