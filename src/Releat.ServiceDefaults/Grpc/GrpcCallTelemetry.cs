using System.Diagnostics;
using System.Globalization;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Releat.ServiceDefaults.Auth;

namespace Releat.ServiceDefaults.Grpc;

/// <summary>
/// Middleware around every gRPC request, after authentication: every log line written while the call runs carries
/// its method and caller name (never the token), and the call is counted with its final grpc-status, whether a
/// handler, grpc-dotnet or one of our refusals set it. Methods the server does not have count as "unknown", so
/// clients cannot grow the metric's series.
/// </summary>
public sealed class GrpcCallTelemetry(RequestDelegate next, ILogger<GrpcCallTelemetry> logger)
{
    private static readonly Func<ILogger, string, string, IDisposable?> CallScope =
        LoggerMessage.DefineScope<string, string>("gRPC {GrpcMethod} caller {GrpcCaller}");

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!GrpcRefusal.IsGrpc(context.Request))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        string path = context.Request.Path.Value ?? "";
        var (service, method) = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is { } known
            ? (known.Method.ServiceName, known.Method.Name)
            : ("unknown", "unknown");
        string caller = CallerPrincipal.CallerOf(context.User)?.Name ?? "none";
        long started = Stopwatch.GetTimestamp();
        int status = 2; // UNKNOWN unless the response says otherwise
        using (CallScope(logger, path, caller))
        {
            try
            {
                await next(context).ConfigureAwait(false);
                status = StatusOf(context);
            }
            finally
            {
                ServerMetrics.RecordCall(service, method, status, Stopwatch.GetElapsedTime(started));
            }
        }
    }

    private static int StatusOf(HttpContext context)
    {
        string? value = context.Response.Headers["grpc-status"];
        if (string.IsNullOrEmpty(value))
        {
            value = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers["grpc-status"];
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 2;
    }
}
