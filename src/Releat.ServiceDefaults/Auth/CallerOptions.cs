namespace Releat.ServiceDefaults.Auth;

/// <summary>
/// One caller allowed in, from configuration <c>Auth:Callers:N</c>. Give the token inline (<see cref="Token"/>, for
/// environment variables) or as a file (<see cref="TokenFile"/>, for Kubernetes and compose secrets), not both.
/// </summary>
public sealed class CallerOptions
{
    /// <summary>Shown in logs and used to share out rate limits; never a secret.</summary>
    public string? Name { get; set; }

    /// <summary>"read" or "trade".</summary>
    public string? Role { get; set; }

    public string? Token { get; set; }

    /// <summary>A file holding the token; surrounding whitespace (a trailing newline) is ignored.</summary>
    public string? TokenFile { get; set; }
}
