using System.Buffers;
using Grpc.Core;
using Releat.Grpc.Protocol;

namespace Releat.Grpc.Client;

/// <summary>
/// The request stream of a client- or duplex-streaming call. Each write frames the message into a reused buffer
/// and flushes it to the HTTP/2 stream; writes must not overlap, and none may follow CompleteAsync.
/// </summary>
internal sealed class ClientRequestStreamWriter<TRequest>(
    IRequestStreamOwner owner,
    Marshaller<TRequest> marshaller,
    int? maxSendMessageSize) : IClientStreamWriter<TRequest>
{
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly FrameSerializationContext _serialization = new();
    private int _writing;
    private bool _completed;

    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(TRequest message) => WriteAsync(message, CancellationToken.None);

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_completed)
        {
            throw new InvalidOperationException("The request stream was already completed; no more messages can be written.");
        }

        if (Interlocked.Exchange(ref _writing, 1) == 1)
        {
            throw new InvalidOperationException("A previous write is still in progress; await each WriteAsync before the next.");
        }

        try
        {
            var stream = await owner.GetRequestStreamAsync().ConfigureAwait(false);
            _buffer.ResetWrittenCount();
            _serialization.Reset(_buffer, compress: false, maxSendMessageSize);
            marshaller.ContextualSerializer(message, _serialization);
            try
            {
                await stream.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or HttpRequestException or OperationCanceledException &&
                                       !cancellationToken.IsCancellationRequested)
            {
                // HttpClient stops the request body when the server ends the call early: report why it ended.
                throw await owner.WriteFailedAsync(ex).ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    public Task CompleteAsync()
    {
        _completed = true;
        owner.EndRequestStream();
        return Task.CompletedTask;
    }
}
