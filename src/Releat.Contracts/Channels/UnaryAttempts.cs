using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Releat.Contracts.Channels;

/// <summary>
/// The attempts of one unary call under <see cref="ResilienceInterceptor"/>: each starts a fresh call with the
/// attempt's cancellation; headers, status and trailers are those of the latest attempt, or the status the pipeline
/// settled on (an open circuit, an attempt timeout).
/// </summary>
internal sealed class UnaryAttempts<TRequest, TResponse>(
    TRequest request, ClientInterceptorContext<TRequest, TResponse> context, Interceptor.AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    : IDisposable
    where TRequest : class
    where TResponse : class
{
    private readonly TaskCompletionSource<Metadata> _headers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private AsyncUnaryCall<TResponse>? _current;
    private Status? _settled;

    public Task<Metadata> ResponseHeadersAsync => _headers.Task;

    public async Task<TResponse> AttemptAsync(CancellationToken attemptCancellation)
    {
        _current?.Dispose();
        var options = context.Options.WithCancellationToken(attemptCancellation);
        var call = continuation(request, new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, options));
        _current = call;
        try
        {
            var response = await call.ResponseAsync.ConfigureAwait(false);
            _headers.TrySetResult(await call.ResponseHeadersAsync.ConfigureAwait(false));
            return response;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && attemptCancellation.IsCancellationRequested)
        {
            // The attempt's token fired (the attempt timeout or the caller): let Polly see a cancellation.
            throw new OperationCanceledException(e.Message, e, attemptCancellation);
        }
    }

    public Exception Settle(Status status)
    {
        _settled = status;
        _headers.TrySetResult([]);
        return new RpcException(status);
    }

    public Status GetStatus() => _settled ?? _current?.GetStatus() ?? throw new InvalidOperationException("The call has not finished.");

    public Metadata GetTrailers() => _current?.GetTrailers() ?? [];

    public void Dispose() => _current?.Dispose();
}
