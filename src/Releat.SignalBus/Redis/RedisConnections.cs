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
        if (options.User is { Length: > 0 } user && !string.Equals(user, "default", StringComparison.Ordinal))
        {
            throw new NotSupportedException(
                $"SignalBus:Redis:User '{user}': StackExchange.Redis 1.2.6, the only version the package registry serves, " +
                "logs in with 'AUTH <password>', which Redis applies to the 'default' user. Give the bus the default user's " +
                "password (SignalBus:Redis:Password) or an ACL rule on 'default', and leave User empty.");
        }

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
        configuration.ResponseTimeout = (int)responseTimeout.TotalMilliseconds;
        configuration.ConnectRetry = 3;
        configuration.KeepAlive = 10;
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
