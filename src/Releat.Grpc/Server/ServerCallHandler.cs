using System.Diagnostics;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Releat.Grpc.Server;

/// <summary>
/// The life of one server call, common to the four shapes: admit the request, check the caller (token, role, rate
/// limit), start the call context, create the service, run the shape-specific part, map any failure to a status,
/// send the status, record metrics. While the handler runs, log lines carry the method and the caller's name.
/// Never lets an exception escape into Kestrel: every outcome is a gRPC status.
/// </summary>
internal abstract class ServerCallHandler<TService>(IMethod method, GrpcServiceOptions options, CallGuard guard, ILogger logger)
    where TService : class
{
    private static readonly ObjectFactory<TService> CreateService = ActivatorUtilities.CreateFactory<TService>(Type.EmptyTypes);

    /// <summary>
    /// A gRPC request body is a stream of messages, each held to MaxReceiveMessageSize. Kestrel's limits for uploads,
    /// a cap on the whole body and a minimum data rate, would end a long-lived stream (an order session that has
    /// carried 30 MB) or an idle one (orders seconds apart) mid-call, so they are lifted for gRPC requests.
    /// </summary>
    private void LiftBodyLimits(HttpContext httpContext)
    {
        if (httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        if (method.Type is MethodType.ClientStreaming or MethodType.DuplexStreaming
            && httpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }
    }

    public async Task HandleCallAsync(HttpContext httpContext)
    {
        var started = Stopwatch.GetTimestamp();
        if (!RequestGate.Admit(httpContext, out var rejection))
        {
            GrpcServerMetrics.RecordCall(method.ServiceName, method.Name, rejection.StatusCode, Stopwatch.GetElapsedTime(started));
            return;
        }

        LiftBodyLimits(httpContext);
        using var call = new HttpServerCallContext(httpContext, options, method.FullName);
        IDisposable? callerScope = null;
        try
        {
            Status status;
            try
            {
                if (guard.Admit(call) is { } refused)
                {
                    status = refused;
                }
                else
                {
                    callerScope = ServerLog.CallScope(logger, method.FullName, call.Caller?.Name ?? "unauthenticated");
                    status = call.Start() ?? await RunAsync(httpContext, call).ConfigureAwait(false);
                }
            }
#pragma warning disable CA1031 // The edge of the server: every failure must become a status, never a crashed stream.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                status = call.StatusFromException(ex);
                if (status.StatusCode == StatusCode.Unknown)
                {
                    ServerLog.HandlerThrew(logger, ex, method.FullName);
                }
            }

            try
            {
                await call.EndCallAsync(status).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
            {
                // The client went away while the status was being sent; nothing is left to tell it.
                ServerLog.StatusNotSent(logger, ex, method.FullName);
            }

            GrpcServerMetrics.RecordCall(method.ServiceName, method.Name, status.StatusCode, Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            callerScope?.Dispose();
        }
    }

    protected abstract Task InvokeAsync(TService service, HttpServerCallContext call);

    private async Task<Status> RunAsync(HttpContext httpContext, HttpServerCallContext call)
    {
        var services = httpContext.RequestServices;
        var fromContainer = services.GetService<TService>();
        var service = fromContainer ?? CreateService(services, []);
        try
        {
            await InvokeAsync(service, call).ConfigureAwait(false);
        }
        finally
        {
            // Only what this handler created is its to dispose; the container disposes its own.
            if (fromContainer is null)
            {
                await DisposeAsync(service).ConfigureAwait(false);
            }
        }

        return call.DeadlineReached ? new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded") : call.Status;
    }

    private static ValueTask DisposeAsync(TService service)
    {
        switch (service)
        {
            case IAsyncDisposable asyncDisposable:
                return asyncDisposable.DisposeAsync();
            case IDisposable disposable:
                disposable.Dispose();
                return ValueTask.CompletedTask;
            default:
                return ValueTask.CompletedTask;
        }
    }
}
