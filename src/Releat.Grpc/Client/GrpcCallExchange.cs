using System.IO.Pipelines;
using System.Net;
using Grpc.Core;
using Releat.Grpc.Protocol;

namespace Releat.Grpc.Client;

/// <summary>The HTTP side of a call: building the request, receiving the response head, and settling the status.</summary>
internal sealed partial class GrpcCall<TRequest, TResponse>
{
    /// <summary>Larger reads than the default 4 KiB: a streaming response then needs far fewer trips into HttpClient.</summary>
    private const string AuthorizationHeader = "authorization";

    private static readonly StreamPipeReaderOptions ResponseReaderOptions = new(bufferSize: 32 * 1024, minimumReadSize: 8 * 1024);

    private void Send(HttpContent content)
    {
        if (_callSource.IsCancellationRequested)
        {
            var status = CurrentFailureStatus(null, "starting");
            Fail(status);
            _sendTask = Task.FromException<HttpResponseMessage>(new RpcException(status));
            content.Dispose();
            return;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, _channel.UriFor(_method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation("te", "trailers");
        headers.TryAddWithoutValidation("user-agent", GrpcChannel.UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.SupportedEncodings);
        if (_options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(deadline.ToUniversalTime() - DateTime.UtcNow));
        }

        var hasOwnAuthorization = false;
        if (_options.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                headers.TryAddWithoutValidation(entry.Key, entry.IsBinary ? BinaryHeaderValue.Encode(entry.ValueBytes) : entry.Value);
                hasOwnAuthorization |= string.Equals(entry.Key, AuthorizationHeader, StringComparison.OrdinalIgnoreCase);
            }
        }

        if (!hasOwnAuthorization && _channel.AuthorizationHeader() is { } authorization)
        {
            headers.TryAddWithoutValidation(AuthorizationHeader, authorization);
        }

        _sendTask = SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        HttpResponseMessage response;
        try
        {
            response = await _channel.HttpClient
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _callSource.Token)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            var status = CurrentFailureStatus(ex, "starting");
            Fail(status);
            throw new RpcException(status);
        }

        _response = response;
        var headers = response.Headers;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var fromHeaders = StatusFromHeaders(response);
            Fail(fromHeaders ?? new Status(
                ClientStatusMapping.FromHttpStatus(response.StatusCode),
                $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}"));
            return response;
        }

        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            Fail(new Status(StatusCode.Internal, $"Bad gRPC response. Invalid content-type value: {contentType ?? "(none)"}"));
            return response;
        }

        _headersReceived = true;
        if (StatusFromHeaders(response) is { } trailersOnly)
        {
            // Trailers-only: the status came with the headers and no body follows.
            _trailerSource = headers;
            _status = trailersOnly;
            return response;
        }

        var body = await response.Content.ReadAsStreamAsync(_callSource.Token).ConfigureAwait(false);
        _reader = new FrameReader(
            PipeReader.Create(body, ResponseReaderOptions),
            _channel.Options.MaxReceiveMessageSize,
            ResponseHeaderMetadata.Single(headers, GrpcProtocol.EncodingHeader),
            "response");
        return response;
    }

    private async Task<Metadata> ReadResponseHeadersAsync()
    {
        try
        {
            await _sendTask!.ConfigureAwait(false);
        }
        catch (RpcException)
        {
            // The status below says what went wrong.
        }

        return _headersReceived
            ? ResponseHeaderMetadata.From(_response!.Headers)
            : throw new RpcException(_status ?? new Status(StatusCode.Internal, "The call ended without response headers."), GetTrailers());
    }

    private async Task EnsureResponseAsync()
    {
        try
        {
            await _sendTask!.ConfigureAwait(false);
        }
        catch (RpcException)
        {
            if (_status is { } status)
            {
                throw new RpcException(status, GetTrailers());
            }

            throw;
        }
    }

    /// <summary>Called when the body ended: reads grpc-status from the trailers and throws unless it is OK.</summary>
    private TResponse? FinishOrThrow()
    {
        if (_status is null)
        {
            _trailerSource = _response?.TrailingHeaders;
            _status = StatusFromTrailers(_trailerSource) ?? new Status(StatusCode.Internal, "No grpc-status found on response.");
        }

        var final = _status.Value;
        return final.StatusCode == StatusCode.OK ? null : throw new RpcException(final, GetTrailers());
    }

    private static Status? StatusFromHeaders(HttpResponseMessage response) => StatusFromTrailers(response.Headers);

    private static Status? StatusFromTrailers(System.Net.Http.Headers.HttpHeaders? headers)
    {
        var code = ResponseHeaderMetadata.Single(headers, GrpcProtocol.StatusHeader);
        if (code is null)
        {
            return null;
        }

        var message = StatusMessageEncoding.Decode(ResponseHeaderMetadata.Single(headers, GrpcProtocol.MessageHeader));
        return int.TryParse(code, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? new Status((StatusCode)number, message)
            : new Status(StatusCode.Unknown, $"Invalid grpc-status '{code}'. {message}");
    }

    /// <summary>Why the exchange stopped: the deadline, the caller's cancellation, or the transport.</summary>
    private Status CurrentFailureStatus(Exception? exception, string stage)
    {
        if (_status is { } settled)
        {
            return settled;
        }

        if (DeadlineReached)
        {
            return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded", exception);
        }

        if (_callSource.IsCancellationRequested)
        {
            return new Status(StatusCode.Cancelled, "Call canceled by the client.", exception);
        }

        return exception is null
            ? new Status(StatusCode.Internal, $"The call ended unexpectedly while {stage}.")
            : ClientStatusMapping.FromTransportFailure(exception, stage);
    }

    private void Fail(Status status)
    {
        _status ??= status;
    }

    /// <summary>Resets the HTTP/2 stream: the server sees the client cancel (RST_STREAM CANCEL).</summary>
    private void Abort()
    {
        _streamingContent?.Abort();
        _response?.Dispose();
    }
}
