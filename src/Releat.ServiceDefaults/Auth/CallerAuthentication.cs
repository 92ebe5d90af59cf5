using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Releat.ServiceDefaults.Auth;

/// <summary>
/// Checks the <c>authorization: Bearer &lt;token&gt;</c> metadata of a call against the configured callers. One per
/// server; its mode starts as TokenRequired when callers exist, otherwise Undecided until
/// <see cref="AnonymousAccessGuard"/> has seen the bound endpoints.
/// </summary>
internal sealed class CallerAuthentication
{
    private const string Scheme = "Bearer";

    private readonly CallerDirectory _directory;
    private volatile AccessMode _mode;

    public CallerAuthentication(IOptions<CallerAuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        _directory = CallerDirectory.From(Options);
        _mode = _directory.Count > 0 ? AccessMode.TokenRequired : AccessMode.Undecided;
    }

    public CallerAuthOptions Options { get; }

    public int CallerCount => _directory.Count;

    public AccessMode Mode => _mode;

    /// <summary>Called once the endpoints are known to be safe to serve without tokens.</summary>
    public void OpenWithoutTokens()
    {
        if (_directory.Count > 0)
        {
            throw new InvalidOperationException("Callers are configured; the server cannot run without tokens.");
        }

        _mode = AccessMode.Anonymous;
    }

    /// <summary>The caller behind the call's authorization metadata, or why there is none.</summary>
    public bool TryAuthenticate(StringValues authorization, out Caller caller, out AuthDenial denial)
    {
        caller = Caller.Anonymous;
        denial = default;
        switch (_mode)
        {
            case AccessMode.Anonymous:
                return true;
            case AccessMode.Undecided:
                denial = AuthDenial.NotReady;
                return false;
        }

        if (authorization.Count == 0 || string.IsNullOrEmpty(authorization[0]))
        {
            denial = AuthDenial.MissingToken;
            return false;
        }

        if (authorization.Count > 1 || !TryReadBearer(authorization[0]!, out var token))
        {
            denial = AuthDenial.MalformedHeader;
            return false;
        }

        if (_directory.Identify(token) is not { } known)
        {
            denial = AuthDenial.InvalidToken;
            return false;
        }

        caller = known;
        return true;
    }

    /// <summary>"Bearer" (any case), one or more spaces, then the token (RFC 6750 section 2.1).</summary>
    private static bool TryReadBearer(string header, out ReadOnlySpan<char> token)
    {
        var value = header.AsSpan().Trim();
        token = default;
        if (value.Length <= Scheme.Length || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || value[Scheme.Length] != ' ')
        {
            return false;
        }

        token = value[Scheme.Length..].TrimStart(' ');
        return !token.IsEmpty;
    }
}
