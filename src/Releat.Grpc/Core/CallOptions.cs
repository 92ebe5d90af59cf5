namespace Grpc.Core;

/// <summary>Per-call settings a client passes: headers to send, an absolute UTC deadline, a cancellation token.</summary>
public readonly struct CallOptions : IEquatable<CallOptions>
{
#pragma warning disable CA1068 // Parameter order is Grpc.Core's; generated code passes (headers, deadline, token) positionally.
    public CallOptions(
        Metadata? headers = null,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default,
        WriteOptions? writeOptions = null)
    {
        Headers = headers;
        Deadline = deadline;
        CancellationToken = cancellationToken;
        WriteOptions = writeOptions;
    }
#pragma warning restore CA1068

    public Metadata? Headers { get; }

    /// <summary>Absolute deadline; converted to a relative grpc-timeout when the call starts.</summary>
    public DateTime? Deadline { get; }

    public CancellationToken CancellationToken { get; }

    public WriteOptions? WriteOptions { get; }

    public static bool operator ==(CallOptions left, CallOptions right) => left.Equals(right);

    public static bool operator !=(CallOptions left, CallOptions right) => !left.Equals(right);

    public CallOptions WithHeaders(Metadata headers) => new(headers, Deadline, CancellationToken, WriteOptions);

    public CallOptions WithDeadline(DateTime deadline) => new(Headers, deadline, CancellationToken, WriteOptions);

    public CallOptions WithCancellationToken(CancellationToken cancellationToken) =>
        new(Headers, Deadline, cancellationToken, WriteOptions);

    public CallOptions WithWriteOptions(WriteOptions writeOptions) => new(Headers, Deadline, CancellationToken, writeOptions);

    public bool Equals(CallOptions other) =>
        ReferenceEquals(Headers, other.Headers) && Deadline == other.Deadline &&
        CancellationToken == other.CancellationToken && ReferenceEquals(WriteOptions, other.WriteOptions);

    public override bool Equals(object? obj) => obj is CallOptions other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Headers, Deadline, CancellationToken, WriteOptions);
}
