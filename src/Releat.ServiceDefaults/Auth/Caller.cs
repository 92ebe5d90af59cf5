namespace Releat.ServiceDefaults.Auth;

/// <summary>Who made a call: the configured caller's name (never its token) and role.</summary>
public sealed record Caller(string Name, CallerRole Role)
{
    /// <summary>The caller of a server that runs without authentication (loopback only, or AllowAnonymous).</summary>
    public static Caller Anonymous { get; } = new("anonymous", CallerRole.Trade);

    /// <summary>Trade includes read.</summary>
    public bool Has(CallerRole required) => Role >= required;
}
