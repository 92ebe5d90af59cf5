using System.Net;
using System.Net.Http;
using Grpc.Core;

namespace Releat.Grpc.Client;

/// <summary>
/// Statuses a client must infer when the server sent none: from the HTTP status (doc/http-grpc-status-mapping.md)
/// and from HTTP/2 stream resets (PROTOCOL-HTTP2.md, "Errors").
/// </summary>
internal static class ClientStatusMapping
{
    public static StatusCode FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => StatusCode.Internal,
        HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
        HttpStatusCode.NotFound => StatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.GatewayTimeout => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    /// <summary>RST_STREAM / GOAWAY error codes: REFUSED_STREAM 0x7, CANCEL 0x8, ENHANCE_YOUR_CALM 0xb, INADEQUATE_SECURITY 0xc.</summary>
    public static StatusCode FromHttp2Error(long errorCode) => errorCode switch
    {
        0x7 => StatusCode.Unavailable,
        0x8 => StatusCode.Cancelled,
        0xb => StatusCode.ResourceExhausted,
        0xc => StatusCode.PermissionDenied,
        _ => StatusCode.Internal,
    };

    /// <summary>Failures of the transport itself: a stream reset maps by its code, anything else means the server is unreachable.</summary>
    public static Status FromTransportFailure(Exception exception, string stage)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpProtocolException protocol)
            {
                return new Status(FromHttp2Error(protocol.ErrorCode), $"Error {stage} gRPC call: {protocol.Message}", exception);
            }
        }

        return new Status(StatusCode.Unavailable, $"Error {stage} gRPC call. {exception.GetType().Name}: {exception.Message}", exception);
    }
}
