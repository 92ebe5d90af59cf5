using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Releat.Grpc.Server;

/// <summary>
/// Turns away requests that cannot be gRPC: anything but HTTP/2 gets 426 Upgrade Required, a non-gRPC content-type
/// gets 415 (both as the spec and grpc-dotnet answer them), each with grpc-status INTERNAL in the headers.
/// </summary>
internal static class RequestGate
{
    public static bool Admit(HttpContext httpContext, out Status rejection)
    {
        var request = httpContext.Request;
        if (!HttpProtocol.IsHttp2(request.Protocol))
        {
            rejection = new Status(StatusCode.Internal, $"Request protocol '{request.Protocol}' is not supported; gRPC needs HTTP/2.");
            TrailersOnly.Write(httpContext.Response, rejection, null, StatusCodes.Status426UpgradeRequired);
            httpContext.Response.Headers.Upgrade = "h2c";
            return false;
        }

        if (!Protocol.GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            rejection = new Status(StatusCode.Internal, $"Content-Type '{request.ContentType}' is not supported; gRPC needs application/grpc.");
            TrailersOnly.Write(httpContext.Response, rejection, null, StatusCodes.Status415UnsupportedMediaType);
            return false;
        }

        rejection = Status.DefaultSuccess;
        return true;
    }
}
