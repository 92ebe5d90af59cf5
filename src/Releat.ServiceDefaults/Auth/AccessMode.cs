namespace Releat.ServiceDefaults.Auth;

/// <summary>Whether calls must carry a token, as decided from the configured callers and the bound endpoints.</summary>
internal enum AccessMode
{
    /// <summary>No callers and the endpoints not checked yet: nothing protected is served (fail closed).</summary>
    Undecided,

    /// <summary>Callers are configured: every protected call needs one of their tokens.</summary>
    TokenRequired,

    /// <summary>No callers, and every endpoint is on loopback (or anonymous access was allowed explicitly).</summary>
    Anonymous,
}
