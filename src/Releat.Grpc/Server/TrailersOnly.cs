using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Releat.Grpc.Protocol;

namespace Releat.Grpc.Server;

/// <summary>
/// A response with no messages puts its status in the headers and ends the stream (the spec's "Trailers-Only"):
/// used for early errors, unknown methods and handlers that fail before writing.
/// </summary>
internal static class TrailersOnly
{
    public static void Write(HttpResponse response, Status status, Metadata? trailers, int httpStatus = StatusCodes.Status200OK)
    {
        response.StatusCode = httpStatus;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.StatusHeader] = StatusCodeNames.Number(status.StatusCode);
        if (status.Detail.Length > 0)
        {
            response.Headers[GrpcProtocol.MessageHeader] = StatusMessageEncoding.Encode(status.Detail);
        }

        if (trailers is not null)
        {
            ResponseMetadata.AppendTo(response.Headers, trailers);
        }
    }
}
