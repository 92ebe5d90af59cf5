using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Releat.Grpc.Server;

/// <summary>One request in, one response out.</summary>
internal sealed class UnaryCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    Func<TService, TRequest, ServerCallContext, Task<TResponse>> invoke,
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
        var response = await invoke(service, request, call).ConfigureAwait(false)
            ?? throw new RpcException(new Status(StatusCode.Internal, $"Handler of '{method.FullName}' returned a null response."));
        if (call.Status.StatusCode == StatusCode.OK && !call.DeadlineReached)
        {
            call.WriteMessage(method.ResponseMarshaller, response, null);
        }
    }
}
