namespace Releat.Trader.Core.Orders;

/// <summary>Configuration section "Trader:Gateway": the mt5-gateway's gRPC address, the trader's token, and retrying.</summary>
public sealed class GrpcOrderGatewayOptions
{
    public string Address { get; set; } = "http://127.0.0.1:6001";

    /// <summary>Bearer token of a caller with the trade role in the gateway's Auth:Callers; none on a loopback-only gateway.</summary>
    public string? BearerToken { get; set; }

    /// <summary>The same token read from a file (a mounted secret); give this or <see cref="BearerToken"/>.</summary>
    public string? BearerTokenFile { get; set; }

    /// <summary>The token to send: from the file, inline, or none.</summary>
    public string? ResolveBearerToken() =>
        Releat.Contracts.Secrets.SecretFile.Resolve(BearerToken, BearerTokenFile, "Trader:Gateway:BearerToken", "Trader:Gateway:BearerTokenFile");

    /// <summary>Retries after the first attempt on UNAVAILABLE; safe for orders because their ids are deterministic.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Limit for one attempt; a simulated order waits for the next tick, so leave room for it.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Orders over one long-lived OrderSession call (fewer steps per order than a unary call), falling back to unary
    /// calls when the gateway lacks it or the session fails.
    /// </summary>
    public bool UseOrderSession { get; set; } = true;

    /// <summary>Whether the circuit breaker guards the gateway (retries wait while it is open).</summary>
    public bool UseCircuitBreaker { get; set; } = true;
}
