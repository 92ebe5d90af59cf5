namespace Grpc.Core;

/// <summary>Messages sent one by one; a write completes when the transport has taken the message.</summary>
public interface IAsyncStreamWriter<in T>
{
    WriteOptions? WriteOptions { get; set; }

    Task WriteAsync(T message);

    /// <summary>Writers here override this with real cancellation; the default only stops waiting.</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
#pragma warning disable CA2016 // The token-less overload is the one every writer must implement.
        return WriteAsync(message).WaitAsync(cancellationToken);
#pragma warning restore CA2016
    }
}
