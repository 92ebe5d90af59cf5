using Grpc.Core;

namespace Releat.Grpc.Server;

/// <summary>The request stream of a client- or duplex-streaming call, read frame by frame from the request body.</summary>
internal sealed class HttpRequestStreamReader<T>(HttpServerCallContext call, Func<DeserializationContext, T> deserialize)
    : IAsyncStreamReader<T>
    where T : class
{
    private T? _current;

    public T Current => _current ?? throw new InvalidOperationException("Current is only valid after MoveNext returned true.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        // The call's own token (client reset, deadline) always applies; a caller's token adds to it.
        if (!cancellationToken.CanBeCanceled || cancellationToken == call.CancellationToken)
        {
            _current = await call.RequestReader.ReadMessageAsync(deserialize, call.CancellationToken).ConfigureAwait(false);
        }
        else
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CancellationToken);
            _current = await call.RequestReader.ReadMessageAsync(deserialize, linked.Token).ConfigureAwait(false);
        }

        return _current is not null;
    }
}
