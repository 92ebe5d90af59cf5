using System.Globalization;
using System.Text;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Releat.ServiceDefaults.Grpc;

/// <summary>
/// How a request refused by the ASP.NET Core pipeline (authentication, authorization, rate limiting) is answered.
/// ASP.NET Core would answer HTTP 401/403/429, which a gRPC client reads as UNAUTHENTICATED/PERMISSION_DENIED/
/// UNAVAILABLE from the transport and may retry; a gRPC request gets a real gRPC status instead, as a trailers-only
/// response (HTTP 200, grpc-status and grpc-message in the headers, no body). Other requests get the HTTP status.
/// </summary>
public static class GrpcRefusal
{
    public static bool IsGrpc(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Ends the request with <paramref name="code"/> (gRPC) or <paramref name="httpStatus"/> (anything else).</summary>
    public static Task WriteAsync(HttpContext context, StatusCode code, int httpStatus, string detail, params (string Name, string Value)[] headers)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }

        if (IsGrpc(context.Request))
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/grpc";
            response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
            response.Headers["grpc-message"] = PercentEncode(detail);
            return Task.CompletedTask;
        }

        response.StatusCode = httpStatus;
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(detail);
    }

    /// <summary>grpc-message is percent-encoded UTF-8: bytes outside printable ASCII and '%' itself become %XX.</summary>
    private static string PercentEncode(string message)
    {
        var builder = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
