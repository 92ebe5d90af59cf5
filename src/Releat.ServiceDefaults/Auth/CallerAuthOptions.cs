namespace Releat.ServiceDefaults.Auth;

/// <summary>
/// Bearer-token authentication for every mapped gRPC service (configuration section <c>Auth</c>). With callers
/// configured every call must present one of their tokens. With none, the server runs open only if every endpoint
/// listens on loopback; beyond loopback it refuses to start unless <see cref="AllowAnonymous"/> says so on purpose.
/// </summary>
public sealed class CallerAuthOptions
{
    /// <summary>The section ServiceDefaults binds.</summary>
    public const string SectionName = "Auth";

    public IList<CallerOptions> Callers { get; } = [];

    /// <summary>Serve without authentication even beyond loopback (with no callers configured); logged as a warning.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Shortest token accepted: short tokens can be guessed.</summary>
    public int MinimumTokenLength { get; set; } = 24;
}
