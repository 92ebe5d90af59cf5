using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Releat.ServiceDefaults.Grpc;

/// <summary>
/// A stream whose caller has gone ends as a cancelled call, not as a failure of the service. Once a call is cancelled
/// (the client stopped, reset the stream or its deadline passed), grpc-dotnet's response writer refuses the next
/// write with an InvalidOperationException ("the request is complete"), and grpc-dotnet logs an exception of that
/// type at Error, as a handler failure; an OperationCanceledException of a cancelled call it logs as a cancellation
/// (Information). So a tick that arrives just as a signal service stops would put an error line in the gateway's log
/// that no operator can act on. This turns exactly that case into the cancellation it is; a write refused while the
/// call is still live stays an error.
/// </summary>
public sealed class CallerGoneInterceptor : Interceptor
{
    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        return EndAsCancelledWhenCallerGone(() => continuation(request, responseStream, context), context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        return EndAsCancelledWhenCallerGone(() => continuation(requestStream, responseStream, context), context);
    }

    // The handler is started inside the try, so a refusal it throws before its first await is caught as well.
    private static async Task EndAsCancelledWhenCallerGone(Func<Task> handler, ServerCallContext context)
    {
        try
        {
            await handler().ConfigureAwait(false);
        }
        catch (InvalidOperationException refused) when (context.CancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(
                $"{context.Method}: the caller ended the call while a message was being written to it.", refused, context.CancellationToken);
        }
    }
}
