using Grpc.Core;

namespace Releat.Grpc.Client;

/// <summary>
/// A unary call made of one or more attempts: each attempt is a fresh HTTP/2 exchange; headers, status and
/// trailers reported to the caller are those of the last attempt (or of the resilience decision that ended it).
/// </summary>
internal sealed class ResilientUnaryCall<TRequest, TResponse>(
    GrpcChannel channel,
    Method<TRequest, TResponse> method,
    CallOptions options,
    TRequest request) : IDisposable
    where TRequest : class
    where TResponse : class
{
    private readonly TaskCompletionSource<Metadata> _responseHeaders = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private GrpcCall<TRequest, TResponse>? _current;
    private Status? _settled;

    public Task<Metadata> ResponseHeadersAsync => _responseHeaders.Task;

    public int Attempts { get; private set; }

    public async ValueTask<TResponse> AttemptAsync(CancellationToken attemptToken)
    {
        _current?.Dispose();
        var call = new GrpcCall<TRequest, TResponse>(channel, method, options.WithCancellationToken(attemptToken));
        _current = call;
        Attempts++;
        call.StartWithRequest(request);
        try
        {
            var response = await call.ReadSingleResponseAsync().ConfigureAwait(false);
            _responseHeaders.TrySetResult(await call.ResponseHeadersAsync.ConfigureAwait(false));
            return response;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && attemptToken.IsCancellationRequested &&
                                      !options.CancellationToken.IsCancellationRequested)
        {
            // The attempt timeout fired, not the caller: let Polly see a cancellation it recognises as its own.
            throw new OperationCanceledException("The attempt timed out.", ex, attemptToken);
        }
    }

    /// <summary>Fixes the final status when the pipeline, not the server, ended the call; returns the exception to throw.</summary>
    public RpcException Settle(Status status)
    {
        _settled ??= status;
        if (!_responseHeaders.Task.IsCompleted)
        {
            _responseHeaders.TrySetException(new RpcException(status));
            _ = _responseHeaders.Task.Exception;
        }

        return new RpcException(status);
    }

    public Status GetStatus() => _settled ?? _current?.GetStatus() ?? throw new InvalidOperationException(
        $"The status of '{method.FullName}' is only available once the call has finished.");

    public Metadata GetTrailers() => _current?.GetTrailers() ?? new Metadata();

    public void Dispose() => _current?.Dispose();
}
