using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Releat.Grpc.Auth;
using Releat.Grpc.Server;

namespace Releat.Grpc;

/// <summary>
/// The same bearer tokens on a plain HTTP endpoint, for pages that show what gRPC protects (/metrics carries
/// equity, P&amp;L and positions). Whenever the gRPC services need a token so does the endpoint; when they run
/// without tokens (loopback only, or Auth:AllowAnonymous) it is open too. Answers 401 with a Bearer challenge,
/// 403 for a role too low, 503 while the server has not yet checked its endpoints.
/// </summary>
public static class HttpCallerRequirement
{
    public static TBuilder RequireCallerRole<TBuilder>(this TBuilder builder, GrpcRole role)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint =>
        {
            var next = endpoint.RequestDelegate ?? throw new InvalidOperationException(
                $"Endpoint '{endpoint.DisplayName}' has no request delegate to protect.");
            endpoint.RequestDelegate = context => AdmitAsync(context, role, next);
        });
        return builder;
    }

    private static Task AdmitAsync(HttpContext context, GrpcRole role, RequestDelegate next)
    {
        var authentication = context.RequestServices.GetService<CallerAuthentication>();
        if (authentication is null)
        {
            return next(context);
        }

        if (!authentication.TryAuthenticate(context.Request.Headers.Authorization, out var caller, out var denial))
        {
            return DenyAsync(context, denial);
        }

        return caller.Has(role)
            ? next(context)
            : DenyAsync(context, AuthDenial.InsufficientRole(caller, role, context.Request.Path));
    }

    private static Task DenyAsync(HttpContext context, AuthDenial denial)
    {
        GrpcServerMetrics.RecordAuthDenied("http", context.Request.Path, denial.Reason);
        var response = context.Response;
        response.StatusCode = denial.Code switch
        {
            StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
            StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status503ServiceUnavailable,
        };
        if (denial.Challenge is not null)
        {
            response.Headers.WWWAuthenticate = denial.Challenge;
        }

        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(denial.Detail);
    }
}
