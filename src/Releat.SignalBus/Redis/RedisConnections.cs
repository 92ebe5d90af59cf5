using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using StackExchange.Redis;

namespace Releat.SignalBus.Redis;

/// <summary>
/// StackExchange.Redis configurations from the bus settings. Connections never abort when Redis is down at start:
/// the multiplexer keeps reconnecting in the background, and bus calls report SignalBusUnavailableException meanwhile.
/// </summary>
internal static class RedisConnections
{
    public static ConfigurationOptions Configuration(RedisSignalBusOptions options, TimeSpan responseTimeout, string clientName)
    {
        ArgumentNullException.ThrowIfNull(options);
        ConfigurationOptions configuration;
        try
        {
            configuration = ConfigurationOptions.Parse(options.Address);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"SignalBus:Redis:Address '{options.Address}': {e.Message}", nameof(options), e);
        }

        configuration.AbortOnConnectFail = false;
        configuration.ClientName = clientName;
        configuration.ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds;
        configuration.SyncTimeout = (int)responseTimeout.TotalMilliseconds;
        configuration.AsyncTimeout = (int)responseTimeout.TotalMilliseconds;
        configuration.ConnectRetry = 3;
        configuration.KeepAlive = 10;
        LeastRights(configuration);
        if (!string.IsNullOrEmpty(options.User))
        {
            configuration.User = options.User;
        }

        if (options.ResolvePassword() is { } password)
        {
            configuration.Password = password;
        }

        if (options.Tls)
        {
            configuration.Ssl = true;
            if (!string.IsNullOrEmpty(options.TlsHost))
            {
                configuration.SslHost = options.TlsHost;
            }

            if (!string.IsNullOrEmpty(options.CaCertificatePath))
            {
                var authority = LoadAuthority(options.CaCertificatePath);
                configuration.CertificateValidation += (_, certificate, _, errors) => IssuedBy(authority, certificate, errors);
            }
        }

        return configuration;
    }

    /// <summary>
    /// Asks Redis only what a service's ACL user may do (docs/SECURITY.md): no tie-breaker key and no configuration
    /// channel (single primary, nothing to elect), and no INFO, CONFIG or CLUSTER at connect, which the client would
    /// otherwise send to learn the server's version and role; the version is stated instead (ACL selectors need
    /// Redis 7). No CLIENT SETINFO either: Redis 7.0 (Debian 12's) does not know it, so no rule can grant it.
    /// </summary>
    internal static void LeastRights(ConfigurationOptions configuration)
    {
        configuration.TieBreaker = "";
        configuration.ConfigurationChannel = "";
        configuration.DefaultVersion = new Version(7, 0);
        configuration.SetClientLibrary = false;
        configuration.CommandMap = CommandMap.Create(new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "INFO", "CONFIG", "CLUSTER" }, available: false);
    }

    private static X509Certificate2 LoadAuthority(string path)
    {
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"SignalBus:Redis:CaCertificatePath '{path}': {e.Message}", nameof(path), e);
        }
    }

    /// <summary>The server certificate is accepted when it chains to the private authority and its name matched.</summary>
    private static bool IssuedBy(X509Certificate2 authority, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = new X509Certificate2(certificate);
        return chain.Build(server);
    }
}
