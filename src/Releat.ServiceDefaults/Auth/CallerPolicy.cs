namespace Releat.ServiceDefaults.Auth;

/// <summary>
/// The authorization policies callers are checked against, named after the roles: put
/// <c>[Authorize(CallerPolicy.Trade)]</c> on a method that acts; every other endpoint needs <see cref="Read"/> (the
/// fallback policy) unless it is <c>[AllowAnonymous]</c>. A trade caller satisfies both.
/// </summary>
public static class CallerPolicy
{
    public const string Read = "read";

    public const string Trade = "trade";
}
