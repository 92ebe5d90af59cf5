using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Releat.Grpc.Server;

/// <summary>Requests and responses streaming both ways at once.</summary>
internal sealed class DuplexStreamingCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> invoke,
    GrpcServiceOptions options,
    CallGuard guard,
    ILogger logger) : ServerCallHandler<TService>(method, options, guard, logger)
    where TService : class
    where TRequest : class
{
    protected override Task InvokeAsync(TService service, HttpServerCallContext call)
    {
        var requests = new HttpRequestStreamReader<TRequest>(call, method.RequestMarshaller.ContextualDeserializer);
        var responses = new HttpResponseStreamWriter<TResponse>(call, method.ResponseMarshaller);
        return invoke(service, requests, responses, call);
    }
}
