using Grpc.Core;
using Releat.ServiceDefaults.Auth;

namespace Releat.ServiceDefaults.Limits;

/// <summary>
/// Rate limits taken inside a handler, for a call that carries many operations (a session of orders): each operation
/// takes a token from the caller's bucket of the named policy, the bucket [EnableRateLimiting] endpoints of that
/// policy take from, so a session is held to the same limit as one call per operation.
/// </summary>
public sealed class CallerRateLimits(CallerRateLimiters limiters)
{
    /// <summary>Takes one token for the call's caller; throws RESOURCE_EXHAUSTED with a retry-after trailer when none is left.</summary>
    public void Take(ServerCallContext context, string policy)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limiter = limiters.For(policy, context.Method);
        string caller = CallerPrincipal.CallerOf(context.GetHttpContext().User)?.Name ?? Caller.Anonymous.Name;
        using var lease = limiter.AttemptAcquire(caller);
        if (lease.IsAcquired)
        {
            return;
        }

        var refusal = RateLimitRefusal.From(lease, policy, caller, context.Method);
        if (refusal.RetryAfterSeconds is { } seconds)
        {
            context.ResponseTrailers.Add(RateLimitRefusal.RetryAfterKey, seconds);
        }

        throw new RpcException(new Status(StatusCode.ResourceExhausted, refusal.Detail));
    }
}
