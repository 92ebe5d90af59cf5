namespace Grpc.Core;

/// <summary>What a server handler knows about its call: who, when it must finish, headers in and trailers out.</summary>
public abstract class ServerCallContext
{
    private Dictionary<object, object>? _userState;

    /// <summary>The full method path, e.g. "/grpc.health.v1.Health/Check".</summary>
    public abstract string Method { get; }

    public abstract string Host { get; }

    public abstract string Peer { get; }

    /// <summary>UTC deadline from the client's grpc-timeout, or DateTime.MaxValue when it set none.</summary>
    public abstract DateTime Deadline { get; }

    public abstract Metadata RequestHeaders { get; }

    /// <summary>Fires when the client cancels or goes away, or when the deadline passes.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Trailers sent after the last response message, next to grpc-status.</summary>
    public abstract Metadata ResponseTrailers { get; }

    /// <summary>The status to send when the handler returns normally; OK unless the handler sets another.</summary>
    public abstract Status Status { get; set; }

    public abstract WriteOptions? WriteOptions { get; set; }

    /// <summary>Per-call bag for interceptors and handlers to share state.</summary>
    public IDictionary<object, object> UserState => _userState ??= [];

    /// <summary>Sends response headers now; at most once and before the first message.</summary>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders);
}
