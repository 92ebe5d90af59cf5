using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Releat.Grpc.Server;

/// <summary>
/// Answers gRPC requests to paths no service mapped with UNIMPLEMENTED (trailers-only, HTTP 200), as every gRPC
/// server does; other requests that land on the "/{service}/{method}" fallback route get a plain 404.
/// </summary>
internal sealed class UnimplementedCallHandler(GrpcServiceRegistry registry)
{
    public Task HandleAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        if (!HttpMethods.IsPost(request.Method) || !Protocol.GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            httpContext.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        if (!RequestGate.Admit(httpContext, out _))
        {
            return Task.CompletedTask;
        }

        var service = httpContext.GetRouteValue("unimplementedService")?.ToString() ?? "";
        var method = httpContext.GetRouteValue("unimplementedMethod")?.ToString() ?? "";
        var detail = registry.IsMapped(service)
            ? $"Method '{method}' is unimplemented by service '{service}'."
            : $"Service '{service}' is unimplemented.";
        TrailersOnly.Write(httpContext.Response, new Status(StatusCode.Unimplemented, detail), null);
        GrpcServerMetrics.RecordCall(service, method, StatusCode.Unimplemented, TimeSpan.Zero);
        return Task.CompletedTask;
    }
}
