using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Releat.Security.Tests.Support;

/// <summary>
/// A throwaway certificate authority made at test time (nothing is committed): the CA, a server certificate for
/// 127.0.0.1 and localhost, and a client certificate, all signed by the CA, with PEM files in a temp folder for
/// Kestrel's configuration. Valid from a day ago to a day ahead.
/// </summary>
public sealed class TestPki : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private TestPki(string folder, X509Certificate2 authority, X509Certificate2 server, X509Certificate2 client)
    {
        Folder = folder;
        Authority = authority;
        Server = server;
        Client = client;
    }

    public string Folder { get; }

    public X509Certificate2 Authority { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    public string AuthorityPem => Path.Combine(Folder, "ca.pem");

    public string ServerPem => Path.Combine(Folder, "server.pem");

    public string ServerKeyPem => Path.Combine(Folder, "server.key");

    public static TestPki Create(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"releat-pki-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        var notAfter = DateTimeOffset.UtcNow.AddDays(1);

        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest($"CN=releat test CA {name}", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, false));
        var authority = authorityRequest.CreateSelfSigned(notBefore, notAfter);

        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        var (server, serverKey) = Issue(authority, $"CN=releat test server {name}", ServerAuthentication, names.Build(), 2, notBefore, notAfter);
        var (client, clientKey) = Issue(authority, $"CN=releat test client {name}", ClientAuthentication, null, 3, notBefore, notAfter);
        using (serverKey)
        using (clientKey)
        {
            File.WriteAllText(Path.Combine(folder, "ca.pem"), authority.ExportCertificatePem());
            File.WriteAllText(Path.Combine(folder, "server.pem"), server.ExportCertificatePem());
            File.WriteAllText(Path.Combine(folder, "server.key"), serverKey.ExportPkcs8PrivateKeyPem());
            return new TestPki(folder, authority, WithKey(server, serverKey), WithKey(client, clientKey));
        }
    }

    public void Dispose()
    {
        Authority.Dispose();
        Server.Dispose();
        Client.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private static (X509Certificate2 Certificate, ECDsa Key) Issue(
        X509Certificate2 authority, string subject, Oid purpose, X509Extension? alternativeNames, byte serial,
        DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([purpose], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        if (alternativeNames is not null)
        {
            request.CertificateExtensions.Add(alternativeNames);
        }

        return (request.Create(authority, notBefore, notAfter, [serial]), key);
    }

    /// <summary>Through PKCS#12 so the key is usable by TLS on every platform, not only as an ephemeral key.</summary>
    private static X509Certificate2 WithKey(X509Certificate2 certificate, ECDsa key)
    {
        using var withKey = certificate.CopyWithPrivateKey(key);
        certificate.Dispose();
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
