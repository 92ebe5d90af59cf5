using System.Buffers;
using Grpc.Core;
using Releat.Grpc.Protocol;

namespace Releat.Grpc.Client;

/// <summary>
/// One client call as one HTTP/2 exchange: sends headers and the request body, reads response frames, and turns
/// trailers (or whatever went wrong instead) into a final Status. Cancellation and the deadline both abort the
/// exchange; the status then says which of the two it was.
/// </summary>
internal sealed partial class GrpcCall<TRequest, TResponse> : IRequestStreamOwner, IDisposable
    where TRequest : class
    where TResponse : class
{
    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _callSource;
    private readonly CancellationTokenSource? _deadlineSource;
    private readonly CancellationTokenRegistration _abortOnCancel;
    private Task<HttpResponseMessage>? _sendTask;
    private HttpResponseMessage? _response;
    private FrameReader? _reader;
    private StreamingRequestContent? _streamingContent;
    private Status? _status;
    private Metadata? _trailers;
    private System.Net.Http.Headers.HttpHeaders? _trailerSource;
    private Task<Metadata>? _responseHeadersTask;
    private bool _headersReceived;
    private int _disposed;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _callSource = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
        if (options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            _deadlineSource = new CancellationTokenSource();
            var remaining = deadline.ToUniversalTime() - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                _deadlineSource.Cancel();
            }
            else if (remaining.TotalMilliseconds < uint.MaxValue - 1)
            {
                _deadlineSource.CancelAfter(remaining);
            }

            _deadlineSource.Token.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _callSource);
        }

        _abortOnCancel = _callSource.Token.UnsafeRegister(static state => ((GrpcCall<TRequest, TResponse>)state!).Abort(), this);
    }

    /// <summary>Built only when asked for: most callers never look at response headers.</summary>
    public Task<Metadata> ResponseHeadersAsync => _responseHeadersTask ??= ReadResponseHeadersAsync();

    public bool DeadlineReached => _deadlineSource?.IsCancellationRequested ?? false;

    /// <summary>Starts a call whose single request is already known (unary and server streaming).</summary>
    public void StartWithRequest(TRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var serialization = new FrameSerializationContext();
        serialization.Reset(buffer, compress: false, _channel.Options.MaxSendMessageSize);
        try
        {
            _method.RequestMarshaller.ContextualSerializer(request, serialization);
        }
        catch (RpcException ex)
        {
            Fail(ex.Status);
            _sendTask = Task.FromException<HttpResponseMessage>(new RpcException(ex.Status));
            return;
        }

        var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
        content.Headers.TryAddWithoutValidation("content-type", GrpcProtocol.ContentType);
        Send(content);
    }

    /// <summary>Starts a call whose requests the caller writes later (client and duplex streaming).</summary>
    public ClientRequestStreamWriter<TRequest> StartStreaming()
    {
        _streamingContent = new StreamingRequestContent();
        Send(_streamingContent);
        return new ClientRequestStreamWriter<TRequest>(this, _method.RequestMarshaller, _channel.Options.MaxSendMessageSize);
    }

    /// <summary>The request body stream, once HttpClient has opened it; fails with the call's status if the call ended first.</summary>
    public async Task<Stream> GetRequestStreamAsync()
    {
        var streamReady = _streamingContent!.StreamReady;
        var finished = await Task.WhenAny(streamReady, _sendTask!).ConfigureAwait(false);
        if (finished == streamReady && streamReady.IsCompletedSuccessfully)
        {
            return streamReady.Result;
        }

        if (!streamReady.IsCompleted)
        {
            // The server answered before reading the request (e.g. UNIMPLEMENTED); writing is pointless.
            await EnsureResponseAsync().ConfigureAwait(false);
            throw new RpcException(_status ?? new Status(StatusCode.Internal, "The call ended before the request stream opened."));
        }

        throw new RpcException(CurrentFailureStatus(null, "writing"));
    }

    public void EndRequestStream() => _streamingContent?.EndRequest();

    public async Task<Exception> WriteFailedAsync(Exception exception)
    {
        // The response head usually arrives together with the reset that failed the write; give it a moment.
        try
        {
            await _sendTask!.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RpcException or TimeoutException)
        {
            // Whatever ended the call is in the status below.
        }

        // A trailers-only answer (e.g. UNIMPLEMENTED) has set the status by now; otherwise the transport's failure stands.
        var settled = _status is not null;
        var status = CurrentFailureStatus(exception, "writing");
        return new RpcException(status, settled ? GetTrailers() : new Metadata());
    }

    /// <summary>The next response message, or null after the last one (with the status checked and thrown if not OK).</summary>
    public async Task<TResponse?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        await EnsureResponseAsync().ConfigureAwait(false);
        if (_reader is null)
        {
            return FinishOrThrow();
        }

        TResponse? message;
        try
        {
            using var linked = cancellationToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _callSource.Token)
                : null;
            message = await _reader.ReadMessageAsync(_method.ResponseMarshaller.ContextualDeserializer, linked?.Token ?? _callSource.Token)
                .ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            Fail(ex.Status);
            Abort();
            throw new RpcException(ex.Status, ex.Trailers);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
        {
            if (cancellationToken.IsCancellationRequested && !_callSource.IsCancellationRequested)
            {
                throw;
            }

            var status = CurrentFailureStatus(ex, "reading");
            Fail(status);
            throw new RpcException(status);
        }

        if (message is null)
        {
            return FinishOrThrow();
        }

        return message;
    }

    /// <summary>Reads the one response of a unary or client-streaming call.</summary>
    public async Task<TResponse> ReadSingleResponseAsync()
    {
        var message = await ReadMessageAsync(CancellationToken.None).ConfigureAwait(false)
            ?? throw new RpcException(new Status(StatusCode.Internal, "The server ended the call with OK but sent no response message."));
        var extra = await ReadMessageAsync(CancellationToken.None).ConfigureAwait(false);
        if (extra is not null)
        {
            var status = new Status(StatusCode.Internal, "The server sent more than one response message on a unary call.");
            Fail(status);
            Abort();
            throw new RpcException(status);
        }

        return message;
    }

    public Status GetStatus() => _status ?? throw new InvalidOperationException(
        $"The status of '{_method.FullName}' is only available once the call has finished.");

    public Metadata GetTrailers() => _status is null
        ? throw new InvalidOperationException($"The trailers of '{_method.FullName}' are only available once the call has finished.")
        : _trailers ??= ResponseHeaderMetadata.From(_trailerSource);

    /// <summary>The state the public call objects expose, with headers created lazily.</summary>
    public CallState CreateCallState() => new(() => ResponseHeadersAsync, GetStatus, GetTrailers, Dispose);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_status is null)
        {
            Fail(new Status(StatusCode.Cancelled, "The call was disposed before it finished."));
            _callSource.Cancel();
        }

        _abortOnCancel.Dispose();
        _response?.Dispose();
        _callSource.Dispose();
        _deadlineSource?.Dispose();
    }
}
