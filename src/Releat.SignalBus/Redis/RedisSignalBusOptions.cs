namespace Releat.SignalBus.Redis;

/// <summary>Configuration section "SignalBus:Redis": where Redis is and how to log in to it.</summary>
public sealed class RedisSignalBusOptions
{
    /// <summary>host:port (several separated by commas for replicas).</summary>
    public string Address { get; set; } = "127.0.0.1:6379";

    /// <summary>Password of the user (Redis "requirepass" or the ACL user's password); none when empty.</summary>
    public string? Password { get; set; }

    /// <summary>The password read from a file (a mounted secret); give this or <see cref="Password"/>.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>
    /// The password to log in with: the file's content or the inline one, without surrounding whitespace, or none.
    /// An unreadable or empty file names the setting and path, never the content.
    /// </summary>
    public string? ResolvePassword() =>
        Releat.Contracts.Secrets.SecretFile.Resolve(Password, PasswordFile, "SignalBus:Redis:Password", "SignalBus:Redis:PasswordFile");

    /// <summary>
    /// The service's own ACL user (docs/SECURITY.md lists each one's rights); the "default" user when empty, which a
    /// deployment made by compose, Kubernetes or `releat start` switches off.
    /// </summary>
    public string? User { get; set; }

    /// <summary>Connect with TLS (Redis's tls-port).</summary>
    public bool Tls { get; set; }

    /// <summary>Name expected on the server's certificate; the address's host when empty.</summary>
    public string? TlsHost { get; set; }

    /// <summary>PEM file of a private certificate authority to trust for the server instead of the system's store.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>Prefix of every key: &lt;prefix&gt;:agent:&lt;agent&gt;:signals (stream), ...:latest, ...:holding.</summary>
    public string KeyPrefix { get; set; } = "releat";

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest single blocking read; a consumer's wait is split into reads no longer than this.</summary>
    public TimeSpan MaxBlock { get; set; } = TimeSpan.FromSeconds(1);
}
