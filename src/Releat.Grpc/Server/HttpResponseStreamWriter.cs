using Grpc.Core;

namespace Releat.Grpc.Server;

/// <summary>
/// The response stream of a server- or duplex-streaming call: each write frames the message into the body pipe
/// and flushes it, so the client sees it at once. Writes must not overlap, as in every gRPC implementation.
/// </summary>
internal sealed class HttpResponseStreamWriter<T>(HttpServerCallContext call, Marshaller<T> marshaller) : IServerStreamWriter<T>
{
    private int _writing;

    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

    public async Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Interlocked.Exchange(ref _writing, 1) == 1)
        {
            throw new InvalidOperationException($"A write on '{call.Method}' is still in progress; await each WriteAsync before the next.");
        }

        try
        {
            call.CancellationToken.ThrowIfCancellationRequested();
            call.WriteMessage(marshaller, message, WriteOptions);
            var token = cancellationToken.CanBeCanceled ? cancellationToken : call.CancellationToken;
            var flush = await call.HttpContext.Response.BodyWriter.FlushAsync(token).ConfigureAwait(false);
            if (flush.IsCanceled)
            {
                throw new OperationCanceledException($"Writing a response message on '{call.Method}' was canceled.");
            }
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }
}
