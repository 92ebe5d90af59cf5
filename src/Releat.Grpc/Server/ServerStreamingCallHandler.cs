using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Releat.Grpc.Server;

/// <summary>One request in, a stream of responses out.</summary>
internal sealed class ServerStreamingCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> invoke,
    GrpcServiceOptions options,
    CallGuard guard,
    ILogger logger) : ServerCallHandler<TService>(method, options, guard, logger)
    where TService : class
    where TRequest : class
{
    protected override async Task InvokeAsync(TService service, HttpServerCallContext call)
    {
        var request = await call.RequestReader
            .ReadSingleMessageAsync(method.RequestMarshaller.ContextualDeserializer, call.CancellationToken)
            .ConfigureAwait(false);
        var responses = new HttpResponseStreamWriter<TResponse>(call, method.ResponseMarshaller);
        await invoke(service, request, responses, call).ConfigureAwait(false);
    }
}
