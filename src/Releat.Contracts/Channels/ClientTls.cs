using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Releat.Contracts.Channels;

/// <summary>
/// TLS settings of the channel's own handler: the client certificate for mutual TLS, and a private CA as the only
/// root trusted for the server.
/// </summary>
internal static class ClientTls
{
    public static SslClientAuthenticationOptions Options(X509Certificate2? clientCertificate, X509Certificate2? serverAuthority)
    {
        // ALPN is left to SocketsHttpHandler: it offers h2 for HTTP/2 requests, which is all a channel sends.
        var ssl = new SslClientAuthenticationOptions();
        if (clientCertificate is not null)
        {
            if (!clientCertificate.HasPrivateKey)
            {
                throw new ArgumentException(
                    $"Client certificate '{clientCertificate.Subject}' has no private key; it cannot prove who the client is.",
                    nameof(clientCertificate));
            }

            ssl.ClientCertificates = [clientCertificate];
        }

        if (serverAuthority is not null)
        {
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.Add(serverAuthority);
            ssl.CertificateChainPolicy = policy;
        }

        return ssl;
    }
}
