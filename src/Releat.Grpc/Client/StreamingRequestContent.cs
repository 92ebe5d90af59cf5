using System.Net;

namespace Releat.Grpc.Client;

/// <summary>
/// A request body that stays open while the caller writes messages: HttpClient hands over the HTTP/2 stream when
/// it starts sending, writers use it, and the body ends (END_STREAM) when the call completes its request stream.
/// </summary>
internal sealed class StreamingRequestContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _streamReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _requestEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StreamingRequestContent()
    {
        Headers.TryAddWithoutValidation("content-type", Protocol.GrpcProtocol.ContentType);
    }

    public Task<Stream> StreamReady => _streamReady.Task;

    public void EndRequest() => _requestEnded.TrySetResult();

    public void Abort()
    {
        _streamReady.TrySetCanceled();
        _requestEnded.TrySetCanceled();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _streamReady.TrySetResult(stream);
        await _requestEnded.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
