using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;

namespace Releat.ServiceDefaults;

/// <summary>
/// Kestrel settings every host shares beyond what its configuration section binds: a pinned limit on concurrent
/// HTTP/2 streams per connection, and, for mutual TLS with a private CA, which authority client certificates must
/// chain to (Kestrel alone would check them against the system's trust store).
/// </summary>
internal static class KestrelDefaults
{
    /// <summary>Concurrent calls one connection may carry; more wait in the client or open another connection.</summary>
    public const int MaxStreamsPerConnection = 100;

    public const string MaxStreamsKey = "Kestrel:Limits:Http2:MaxStreamsPerConnection";

    /// <summary>Path of the PEM or DER certificate of the CA that issues client certificates.</summary>
    public const string ClientCertificateAuthorityKey = "Tls:ClientCertificateAuthority";

    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    public static void Apply(KestrelServerOptions kestrel, IConfiguration configuration)
    {
        // Set explicitly so a change of Kestrel's own default cannot change it silently; configuration still wins.
        kestrel.Limits.Http2.MaxStreamsPerConnection = configuration.GetValue<int?>(MaxStreamsKey) ?? MaxStreamsPerConnection;

        if (configuration[ClientCertificateAuthorityKey] is { Length: > 0 } authorityPath)
        {
            var authority = LoadAuthority(authorityPath);
            kestrel.ConfigureHttpsDefaults(https =>
                https.ClientCertificateValidation = (certificate, _, _) => IssuedBy(certificate, authority));
        }
    }

    private static X509Certificate2 LoadAuthority(string path)
    {
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException($"{ClientCertificateAuthorityKey} '{path}' cannot be loaded: {ex.Message}", ex);
        }
    }

    /// <summary>The certificate chains to the authority (and only to it) and is meant for client authentication.</summary>
    private static bool IssuedBy(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        return chain.Build(certificate);
    }
}
