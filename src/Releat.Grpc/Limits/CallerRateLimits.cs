using Grpc.Core;
using Releat.Grpc.Server;

namespace Releat.Grpc;

/// <summary>
/// Rate limits taken inside a handler, for a call that carries many operations (a session of orders): each operation
/// takes a token from the caller's bucket of the named policy, the bucket [RateLimited] methods of that policy take
/// from, so a session is held to the same limit as one call per operation.
/// </summary>
public sealed class CallerRateLimits
{
    private readonly Limits.CallerRateLimiters _limiters;

    internal CallerRateLimits(Limits.CallerRateLimiters limiters) => _limiters = limiters;

    /// <summary>Takes one token for the call's caller; throws RESOURCE_EXHAUSTED (as a [RateLimited] call ends) when none is left.</summary>
    public void Take(ServerCallContext context, string policy)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limiter = _limiters.For(policy, context.Method);
        string caller = context.GetCaller()?.Name ?? GrpcCaller.Anonymous.Name;
        if (Limits.RateLimitToken.TryTake(limiter, policy, context.Method, context, caller) is { } refused)
        {
            throw new RpcException(refused);
        }
    }
}
