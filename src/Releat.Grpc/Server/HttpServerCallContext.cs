using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Releat.Grpc.Protocol;

namespace Releat.Grpc.Server;

/// <summary>
/// One call on the server: request headers and deadline in, response headers, messages and trailers out.
/// Owns the call's cancellation, which fires on client reset or at the grpc-timeout deadline.
/// </summary>
internal sealed class HttpServerCallContext : ServerCallContext, IDisposable
{
    private readonly GrpcServiceOptions _options;
    private readonly string _method;
    private CancellationTokenSource? _deadlineSource;
    private CancellationTokenSource? _callSource;
    private readonly FrameSerializationContext _serialization = new();
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private DateTime _deadline = DateTime.MaxValue;
    private bool _messageWritten;

    public HttpServerCallContext(HttpContext httpContext, GrpcServiceOptions options, string method)
    {
        HttpContext = httpContext;
        _options = options;
        _method = method;
    }

    public HttpContext HttpContext { get; }

    public override string Method => _method;

    public override string Host => HttpContext.Request.Host.Value ?? "";

    public override string Peer => HttpContext.Connection.RemoteIpAddress is { } address
        ? (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "ipv6:[" + address + "]" : "ipv4:" + address)
          + ":" + HttpContext.Connection.RemotePort.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : "unknown";

    public override DateTime Deadline => _deadline;

    public override Metadata RequestHeaders => _requestHeaders ??= RequestHeaderMetadata.From(HttpContext.Request.Headers);

    /// <summary>Without a deadline this is the request's own abort token; with one, a token linked to both.</summary>
    public override CancellationToken CancellationToken => _callSource?.Token ?? HttpContext.RequestAborted;

    public override Metadata ResponseTrailers => _responseTrailers ??= new Metadata();

    public override Status Status { get; set; } = Status.DefaultSuccess;

    public override WriteOptions? WriteOptions { get; set; }

    /// <summary>Who made the call; null for an open method (health, reflection) on a server with authentication.</summary>
    public GrpcCaller? Caller { get; set; }

    public bool DeadlineReached => _deadlineSource?.IsCancellationRequested ?? false;

    public bool ClientCancelled => HttpContext.RequestAborted.IsCancellationRequested;

    /// <summary>"gzip" when responses are compressed on this call, else null.</summary>
    public string? ResponseEncoding { get; private set; }

    public FrameReader RequestReader { get; private set; } = null!;

    /// <summary>Checks the request's encoding and timeout and sets response headers; a status means "end the call now".</summary>
    public Status? Start()
    {
        var request = HttpContext.Request;
        var requestEncoding = request.Headers[GrpcProtocol.EncodingHeader].ToString();
        if (requestEncoding.Length > 0 && !GrpcProtocol.IsSupportedEncoding(requestEncoding))
        {
            HttpContext.Response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodings;
            return new Status(
                StatusCode.Unimplemented,
                $"Unsupported grpc-encoding value '{requestEncoding}'. Supported encodings: {GrpcProtocol.SupportedEncodings}");
        }

        RequestReader = new FrameReader(
            request.BodyReader, _options.MaxReceiveMessageSize, requestEncoding.Length > 0 ? requestEncoding : null, "request");

        var timeoutHeader = request.Headers[GrpcProtocol.TimeoutHeader].ToString();
        if (timeoutHeader.Length > 0)
        {
            if (!GrpcTimeout.TryParse(timeoutHeader, out var timeout))
            {
                return new Status(StatusCode.Internal, $"Invalid grpc-timeout header value '{timeoutHeader}'.");
            }

            StartDeadline(timeout);
        }

        var response = HttpContext.Response;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodings;
        if (ClientAcceptsGzip() && string.Equals(_options.ResponseCompressionAlgorithm, GrpcProtocol.GzipEncoding, StringComparison.OrdinalIgnoreCase))
        {
            ResponseEncoding = GrpcProtocol.GzipEncoding;
            response.Headers[GrpcProtocol.EncodingHeader] = GrpcProtocol.GzipEncoding;
        }

        return null;
    }

    public override async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        if (HttpContext.Response.HasStarted)
        {
            throw new InvalidOperationException($"Response headers of '{_method}' were already sent; they can be written once, before any message.");
        }

        ResponseMetadata.AppendTo(HttpContext.Response.Headers, responseHeaders);
        await HttpContext.Response.StartAsync(CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Serializes one response message into the body pipe; the caller decides when to flush.</summary>
    public void WriteMessage<TResponse>(Marshaller<TResponse> marshaller, TResponse message, WriteOptions? writeOptions)
    {
        var noCompress = ((writeOptions ?? WriteOptions)?.Flags & WriteFlags.NoCompress) == WriteFlags.NoCompress;
        _serialization.Reset(HttpContext.Response.BodyWriter, ResponseEncoding is not null && !noCompress, _options.MaxSendMessageSize);
        marshaller.ContextualSerializer(message, _serialization);
        _messageWritten = true;
    }

    /// <summary>Maps whatever ended the handler to the status the client should see.</summary>
    public Status StatusFromException(Exception exception)
    {
        if (exception is RpcException rpc)
        {
            foreach (var entry in rpc.Trailers)
            {
                ResponseTrailers.Add(entry);
            }

            return rpc.Status;
        }

        if (DeadlineReached)
        {
            return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }

        if (ClientCancelled || exception is OperationCanceledException)
        {
            return new Status(StatusCode.Cancelled, "Call canceled by the client.", exception);
        }

        var detail = _options.EnableDetailedErrors
            ? $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}"
            : "Exception was thrown by handler.";
        return new Status(StatusCode.Unknown, detail, exception);
    }

    /// <summary>Sends the final status: as trailers after the body, or in the headers when nothing was sent yet.</summary>
    public Task EndCallAsync(Status status)
    {
        var response = HttpContext.Response;
        if (ClientCancelled)
        {
            return Task.CompletedTask;
        }

        // A message may sit unflushed in the body pipe (HasStarted still false): then it is not trailers-only.
        if (!response.HasStarted && !_messageWritten)
        {
            TrailersOnly.Write(response, status, _responseTrailers);
            return Task.CompletedTask;
        }

        if (!response.SupportsTrailers())
        {
            // Only HTTP/2 carries trailers, and only HTTP/2 reaches this point; guard anyway.
            HttpContext.Features.Get<IHttpResetFeature>()?.Reset(errorCode: 2);
            return Task.CompletedTask;
        }

        response.AppendTrailer(GrpcProtocol.StatusHeader, StatusCodeNames.Number(status.StatusCode));
        if (status.Detail.Length > 0)
        {
            response.AppendTrailer(GrpcProtocol.MessageHeader, StatusMessageEncoding.Encode(status.Detail));
        }

        if (_responseTrailers is not null)
        {
            foreach (var entry in _responseTrailers)
            {
                response.AppendTrailer(entry.Key, entry.IsBinary ? BinaryHeaderValue.Encode(entry.ValueBytes) : entry.Value);
            }
        }

        // No flush here: Kestrel sends any buffered message together with the trailers when the request ends.
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _callSource?.Dispose();
        _deadlineSource?.Dispose();
    }

    private void StartDeadline(TimeSpan timeout)
    {
        _deadline = timeout >= DateTime.MaxValue - DateTime.UtcNow ? DateTime.MaxValue : DateTime.UtcNow + timeout;
        _deadlineSource = new CancellationTokenSource();
        _callSource = CancellationTokenSource.CreateLinkedTokenSource(HttpContext.RequestAborted, _deadlineSource.Token);

        // CancelAfter takes at most ~49 days; a longer deadline is as good as none.
        if (timeout <= TimeSpan.Zero)
        {
            _deadlineSource.Cancel();
        }
        else if (timeout.TotalMilliseconds < uint.MaxValue - 1)
        {
            _deadlineSource.CancelAfter(timeout);
        }
    }

    private bool ClientAcceptsGzip()
    {
        foreach (var value in HttpContext.Request.Headers[GrpcProtocol.AcceptEncodingHeader])
        {
            if (value is not null && value.Contains(GrpcProtocol.GzipEncoding, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
