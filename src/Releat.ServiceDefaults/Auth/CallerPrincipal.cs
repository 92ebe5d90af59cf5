using System.Security.Claims;
using Grpc.Core;

namespace Releat.ServiceDefaults.Auth;

/// <summary>
/// A caller as an ASP.NET Core principal: its name, and role claims "read" (every caller) and "trade" (trade callers),
/// which the policies of <see cref="CallerPolicy"/> require. And back: who is making a call.
/// </summary>
public static class CallerPrincipal
{
    public static ClaimsPrincipal For(Caller caller, string scheme)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var claims = new List<Claim> { new(ClaimTypes.Name, caller.Name), new(ClaimTypes.Role, CallerPolicy.Read) };
        if (caller.Has(CallerRole.Trade))
        {
            claims.Add(new Claim(ClaimTypes.Role, CallerPolicy.Trade));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The caller behind an authenticated principal (the anonymous caller when the server runs open), or null.</summary>
    public static Caller? CallerOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity is not { IsAuthenticated: true, Name: { } name })
        {
            return null;
        }

        return new Caller(name, user.IsInRole(CallerPolicy.Trade) ? CallerRole.Trade : CallerRole.Read);
    }

    /// <summary>Who made this gRPC call, or null on a method open to anyone called without a token.</summary>
    public static Caller? GetCaller(this ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CallerOf(context.GetHttpContext().User);
    }
}
