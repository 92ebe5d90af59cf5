namespace Releat.Mt5Bridge.Terminal;

/// <summary>
/// Where the gateway waits for the terminal's Expert Advisor, how it authenticates it, which accounts it accepts and
/// how long it keeps asking about an order. Bound from the Mt5Bridge section (the Mt5 section is read too, so
/// Mt5:AllowRealAccount works as well).
/// </summary>
public sealed class Mt5BridgeOptions
{
    /// <summary>Loopback by default: the EA normally runs on the same host (Windows, or Wine on Linux).</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 7001;

    /// <summary>The shared secret itself, e.g. from an environment variable (Mt5Bridge__SharedSecret).</summary>
    public string? SharedSecret { get; set; }

    /// <summary>A file holding the shared secret, e.g. a mounted Kubernetes or compose secret.</summary>
    public string? SharedSecretFile { get; set; }

    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one request waits for its answer before the terminal counts as not answering.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an order is worked on: requotes sent again, unknown outcomes and placed orders asked about. Past it the
    /// order is refused (nothing found) or reported unknown (the caller asks again with the same id).
    /// </summary>
    public TimeSpan OrderDeadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Pause between two questions about the same order.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A second terminal is refused while the first one was heard from within this time.</summary>
    public TimeSpan StaleSessionAfter { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Real-money accounts are refused unless this is true and <see cref="ExpectedLogin"/> names the account.</summary>
    public bool AllowRealAccount { get; set; }

    /// <summary>The one account login the gateway accepts when set (required for a real account).</summary>
    public string? ExpectedLogin { get; set; }

    /// <summary>Our symbol name to the broker's (EURUSD: EURUSDm) where they differ.</summary>
    public Dictionary<string, string> SymbolMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The IANA time zone whose rules the trade server's clock follows (with <see cref="ServerTimeShiftHours"/>), e.g.
    /// Europe/Athens, or America/New_York with shift 7 for "GMT+2, US daylight saving". Unset: the offset the EA
    /// reports is used for every time, which is wrong for times across a daylight-saving change.
    /// </summary>
    public string? ServerTimeZone { get; set; }

    /// <summary>Hours the server's clock is ahead of <see cref="ServerTimeZone"/>'s local time.</summary>
    public double ServerTimeShiftHours { get; set; }

    /// <summary>The secret from <see cref="SharedSecret"/> or <see cref="SharedSecretFile"/>; there is no default.</summary>
    public string ResolveSecret()
    {
        if (!string.IsNullOrEmpty(SharedSecret))
        {
            return SharedSecret;
        }

        if (!string.IsNullOrEmpty(SharedSecretFile))
        {
            var secret = File.Exists(SharedSecretFile)
                ? File.ReadAllText(SharedSecretFile).Trim()
                : throw new InvalidOperationException($"Mt5Bridge:SharedSecretFile '{SharedSecretFile}' does not exist");
            return secret.Length > 0 ? secret : throw new InvalidOperationException($"Mt5Bridge:SharedSecretFile '{SharedSecretFile}' is empty");
        }

        throw new InvalidOperationException(
            "The MT5 bridge needs a shared secret: set Mt5Bridge:SharedSecret (env Mt5Bridge__SharedSecret) or Mt5Bridge:SharedSecretFile.");
    }

    /// <summary>The server's time-zone rules, or null; an unknown zone name fails naming the setting.</summary>
    public TimeZoneInfo? ResolveServerTimeZone()
    {
        if (string.IsNullOrWhiteSpace(ServerTimeZone))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ServerTimeZone);
        }
        catch (TimeZoneNotFoundException e)
        {
            throw new InvalidOperationException($"Mt5Bridge:ServerTimeZone '{ServerTimeZone}' is not a time zone this machine knows", e);
        }
    }
}
