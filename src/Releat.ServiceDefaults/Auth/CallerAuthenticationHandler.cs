using System.Text.Encodings.Web;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Releat.ServiceDefaults.Grpc;

namespace Releat.ServiceDefaults.Auth;

/// <summary>
/// The "Caller" authentication scheme: the bearer token of a configured caller (<see cref="CallerAuthentication"/>)
/// becomes a principal named after the caller, with role claims "read" (and "trade" for trade callers). Challenges
/// and forbids answer gRPC requests with UNAUTHENTICATED / PERMISSION_DENIED (UNAVAILABLE while the server has not
/// checked its endpoints yet) as grpc-status, with a www-authenticate hint; plain HTTP requests get 401/403/503.
/// The presented token never appears in messages or logs.
/// </summary>
internal sealed partial class CallerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, CallerAuthentication callers)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Caller";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!callers.TryAuthenticate(Request.Headers.Authorization, out var caller, out var denial))
        {
            Context.Items[typeof(AuthDenial)] = denial;
            return Task.FromResult(AuthenticateResult.Fail(denial.Reason));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(CallerPrincipal.For(caller, SchemeName), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var denial = Context.Items[typeof(AuthDenial)] is AuthDenial known && known.Code != default ? known : AuthDenial.MissingToken;
        return DenyAsync(denial);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        // Two roles only: a caller turned away by a policy holds read and the endpoint needs trade.
        var caller = new Caller(Context.User.Identity?.Name ?? Caller.Anonymous.Name, CallerRole.Read);
        return DenyAsync(AuthDenial.InsufficientRole(caller, CallerRole.Trade, Request.Path));
    }

    private Task DenyAsync(AuthDenial denial)
    {
        var (service, method) = ServerMetrics.Split(Request.Path);
        ServerMetrics.RecordAuthDenied(service, method, denial.Reason);
        string path = Request.Path.Value ?? "";
        string peer = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        LogDenied(Logger, path, peer, denial.Reason);
        int httpStatus = denial.Code switch
        {
            StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
            StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status503ServiceUnavailable,
        };
        return denial.Challenge is { } challenge
            ? GrpcRefusal.WriteAsync(Context, denial.Code, httpStatus, denial.Detail, ("www-authenticate", challenge))
            : GrpcRefusal.WriteAsync(Context, denial.Code, httpStatus, denial.Detail);
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Call {Method} from {Peer} denied: {Reason}")]
    private static partial void LogDenied(ILogger logger, string method, string peer, string reason);
}
