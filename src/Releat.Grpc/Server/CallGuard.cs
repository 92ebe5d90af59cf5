using System.Threading.RateLimiting;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Releat.Grpc.Auth;
using Releat.Grpc.Limits;

namespace Releat.Grpc.Server;

/// <summary>
/// What a call must pass before its handler runs, fixed per method at mapping time: the caller's token and role
/// (when authentication is on and the method is not open), then the caller's rate limit (when the method has one).
/// </summary>
internal sealed class CallGuard(
    IMethod method, GrpcRole? requiredRole, CallerAuthentication? authentication, PartitionedRateLimiter<string>? rateLimiter,
    string? rateLimitPolicy, ILogger logger)
{
    private const string ChallengeKey = "www-authenticate";

    /// <summary>Null when the call may proceed (the caller is set on the call); otherwise the status to end it with.</summary>
    public Status? Admit(HttpServerCallContext call)
    {
        // Without authentication configured every call is the anonymous caller; an open method's caller is unknown.
        var caller = authentication is null ? GrpcCaller.Anonymous : null;
        if (authentication is not null && requiredRole is { } role)
        {
            if (!authentication.TryAuthenticate(call.HttpContext.Request.Headers.Authorization, out var known, out var denial))
            {
                return Deny(call, denial);
            }

            if (!known.Has(role))
            {
                return Deny(call, AuthDenial.InsufficientRole(known, role, method.FullName));
            }

            caller = known;
        }

        call.Caller = caller;
        return rateLimiter is null ? null : RateLimitToken.TryTake(rateLimiter, rateLimitPolicy!, method.FullName, call, caller?.Name ?? GrpcCaller.Anonymous.Name);
    }

    private Status Deny(HttpServerCallContext call, AuthDenial denial)
    {
        if (denial.Challenge is not null)
        {
            call.ResponseTrailers.Add(ChallengeKey, denial.Challenge);
        }

        GrpcServerMetrics.RecordAuthDenied(method.ServiceName, method.Name, denial.Reason);
        ServerLog.CallDenied(logger, method.FullName, call.Peer, denial.Reason);
        return new Status(denial.Code, denial.Detail);
    }
}
