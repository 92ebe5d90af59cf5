using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Releat.SignalBus.Redis;
using Releat.Testing;

namespace Releat.SignalBus.Tests;

/// <summary>Redis over TLS with a private certificate authority made at test time, as SignalBus:Redis:Tls configures it.</summary>
public sealed class RedisTlsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "releat-redis-tls", Guid.NewGuid().ToString("N"));

    public RedisTlsTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task Bus_reaches_a_tls_only_redis_trusting_the_private_authority_and_refuses_an_unknown_one()
    {
        var (authority, certificate, key) = MakeCertificates();
        using var server = RedisServerProcess.StartTls(certificate, key);

        var options = new RedisSignalBusOptions { Address = server.Address, Tls = true, TlsHost = "localhost", CaCertificatePath = authority };
        await using (var bus = new RedisSignalBus(options))
        {
            await bus.PublishAsync(TestSignals.For("a1", 1));
            Assert.Equal(1, TestSignals.Number((await bus.ReadLatestAsync("a1"))!));
            await using var consumer = bus.OpenConsumer(new SignalSubscription("trader", "c1", ["a1"]));
            Assert.Single(await consumer.ReceiveAsync(TimeSpan.FromSeconds(1)));
        }

        var (otherAuthority, _, _) = MakeCertificates("other");
        await using var untrusting = new RedisSignalBus(new RedisSignalBusOptions
        {
            Address = server.Address, Tls = true, TlsHost = "localhost", CaCertificatePath = otherAuthority, ConnectTimeout = TimeSpan.FromSeconds(1),
        });
        await Assert.ThrowsAsync<SignalBusUnavailableException>(() => untrusting.PublishAsync(TestSignals.For("a1", 2)));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A certificate authority and a server certificate for localhost / 127.0.0.1 it issued, as PEM files.</summary>
    private (string Authority, string Certificate, string Key) MakeCertificates(string name = "test")
    {
        using var authorityKey = RSA.Create(2048);
        var authorityRequest = new CertificateRequest($"CN=releat {name} CA", authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var authority = authorityRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = serverRequest.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), [1, 2, 3, 4]);

        string authorityPath = Path.Combine(_folder, name + "-ca.pem");
        string certificatePath = Path.Combine(_folder, name + "-server.pem");
        string keyPath = Path.Combine(_folder, name + "-server.key");
        File.WriteAllText(authorityPath, authority.ExportCertificatePem());
        File.WriteAllText(certificatePath, server.ExportCertificatePem());
        File.WriteAllText(keyPath, serverKey.ExportPkcs8PrivateKeyPem());
        return (authorityPath, certificatePath, keyPath);
    }
}
