using Grpc.Core;

namespace Releat.ServiceDefaults.Auth;

/// <summary>
/// Why a call was turned away, as the status the client sees and the reason tag of the
/// <c>grpc.server.auth.denied</c> counter. Messages say what to send, never what was sent.
/// </summary>
internal readonly record struct AuthDenial(StatusCode Code, string Reason, string Detail, string? Challenge)
{
    public const string Realm = "releat";

    public static AuthDenial MissingToken { get; } = new(
        StatusCode.Unauthenticated,
        "missing_token",
        $"Missing credentials: send metadata 'authorization: Bearer <token>' (www-authenticate: Bearer realm=\"{Realm}\").",
        $"Bearer realm=\"{Realm}\"");

    public static AuthDenial MalformedHeader { get; } = new(
        StatusCode.Unauthenticated,
        "malformed_header",
        $"The authorization metadata is not 'Bearer <token>' (www-authenticate: Bearer realm=\"{Realm}\", error=\"invalid_request\").",
        $"Bearer realm=\"{Realm}\", error=\"invalid_request\"");

    public static AuthDenial InvalidToken { get; } = new(
        StatusCode.Unauthenticated,
        "invalid_token",
        $"The bearer token is not valid for this server (www-authenticate: Bearer realm=\"{Realm}\", error=\"invalid_token\").",
        $"Bearer realm=\"{Realm}\", error=\"invalid_token\"");

    public static AuthDenial NotReady { get; } = new(
        StatusCode.Unavailable,
        "not_ready",
        "The server is starting and has not yet checked its endpoints; retry shortly.",
        null);

    public static AuthDenial InsufficientRole(Caller caller, CallerRole required, string method) => new(
        StatusCode.PermissionDenied,
        "insufficient_role",
        $"Caller '{caller.Name}' has role {RoleName(caller.Role)}; {method} needs role {RoleName(required)}.",
        null);

    public static string RoleName(CallerRole role) => role == CallerRole.Trade ? "trade" : "read";
}
