using Grpc.Core;
using Releat.Contracts.Channels;
using Releat.Security.Tests.Support;
using V1 = Releat.Contracts.V1;

namespace Releat.Security.Tests;

/// <summary>
/// TLS and mutual TLS through nothing but Kestrel's standard configuration keys, with certificates made at test
/// time: calls work over https (ALPN h2), a client certificate is required when configured and must be issued by
/// the configured CA, and a client that does not trust the server's CA refuses to talk.
/// </summary>
public sealed class TlsTests : IDisposable
{
    private readonly TestPki _pki = TestPki.Create("main");
    private readonly TestPki _stranger = TestPki.Create("stranger");

    [Fact]
    public async Task Calls_work_over_tls_with_a_private_ca()
    {
        await using var host = await ServiceDefaultsHost.StartAsync(TlsSettings(mutual: false));
        using var channel = host.CreateChannel(new ReleatChannelOptions { ServerCertificateAuthority = _pki.Authority });

        var signal = await new V1.Signals.SignalsClient(channel).GetLatestSignalAsync(new V1.GetLatestSignalRequest { AgentId = "t00001" });

        Assert.Equal("https", host.Address.Scheme);
        Assert.Equal("t00001", signal.AgentId);
    }

    [Fact]
    public async Task Streams_work_over_tls()
    {
        await using var host = await ServiceDefaultsHost.StartAsync(TlsSettings(mutual: false));
        using var channel = host.CreateChannel(new ReleatChannelOptions { ServerCertificateAuthority = _pki.Authority });
        using var cancel = new CancellationTokenSource();

        using var stream = new V1.Signals.SignalsClient(channel).StreamSignals(
            new V1.StreamSignalsRequest { AgentId = "t00002" }, cancellationToken: cancel.Token);

        Assert.True(await stream.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal("t00002", stream.ResponseStream.Current.AgentId);
        await cancel.CancelAsync();
    }

    [Fact]
    public async Task A_client_that_does_not_trust_the_server_ca_fails_the_call()
    {
        await using var host = await ServiceDefaultsHost.StartAsync(TlsSettings(mutual: false));
        using var channel = host.CreateChannel(new ReleatChannelOptions { ServerCertificateAuthority = _stranger.Authority });

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new V1.Signals.SignalsClient(channel).GetLatestSignalAsync(new V1.GetLatestSignalRequest()));

        // Grpc.Net.Client reports a refused TLS handshake as INTERNAL (an authentication failure), a lost connection as UNAVAILABLE.
        Assert.Contains(error.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
        Assert.Contains("SSL connection could not be established", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mutual_tls_works_with_a_client_certificate_from_the_ca()
    {
        await using var host = await ServiceDefaultsHost.StartAsync(TlsSettings(mutual: true));
        using var channel = host.CreateChannel(new ReleatChannelOptions
        {
            ServerCertificateAuthority = _pki.Authority,
            ClientCertificate = _pki.Client,
        });

        var signal = await new V1.Signals.SignalsClient(channel).GetLatestSignalAsync(new V1.GetLatestSignalRequest { AgentId = "t00003" });

        Assert.Equal("t00003", signal.AgentId);
    }

    [Fact]
    public async Task Mutual_tls_refuses_a_client_without_a_certificate()
    {
        await using var host = await ServiceDefaultsHost.StartAsync(TlsSettings(mutual: true));
        using var channel = host.CreateChannel(new ReleatChannelOptions { ServerCertificateAuthority = _pki.Authority });

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new V1.Signals.SignalsClient(channel).GetLatestSignalAsync(new V1.GetLatestSignalRequest()));

        // Grpc.Net.Client reports a refused TLS handshake as INTERNAL (an authentication failure), a lost connection as UNAVAILABLE.
        Assert.Contains(error.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
    }

    [Fact]
    public async Task Mutual_tls_refuses_a_client_certificate_from_another_ca()
    {
        await using var host = await ServiceDefaultsHost.StartAsync(TlsSettings(mutual: true));
        using var channel = host.CreateChannel(new ReleatChannelOptions
        {
            ServerCertificateAuthority = _pki.Authority,
            ClientCertificate = _stranger.Client,
        });

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new V1.Signals.SignalsClient(channel).GetLatestSignalAsync(new V1.GetLatestSignalRequest()));

        // Grpc.Net.Client reports a refused TLS handshake as INTERNAL (an authentication failure), a lost connection as UNAVAILABLE.
        Assert.Contains(error.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
    }

    [Fact]
    public void Channel_tls_options_and_a_custom_handler_do_not_mix()
    {
        using var handler = new SocketsHttpHandler();

        var error = Assert.Throws<ArgumentException>(() => ReleatChannel.ForAddress("https://127.0.0.1:1", new ReleatChannelOptions
        {
            HttpHandler = handler,
            ServerCertificateAuthority = _pki.Authority,
        }));

        Assert.Contains("SslOptions", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _pki.Dispose();
        _stranger.Dispose();
    }

    private Dictionary<string, string?> TlsSettings(bool mutual)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Grpc:Url"] = "https://127.0.0.1:0",
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
            ["Kestrel:Endpoints:Grpc:Certificate:Path"] = _pki.ServerPem,
            ["Kestrel:Endpoints:Grpc:Certificate:KeyPath"] = _pki.ServerKeyPem,
        };
        if (mutual)
        {
            settings["Kestrel:Endpoints:Grpc:ClientCertificateMode"] = "RequireCertificate";
            settings["Tls:ClientCertificateAuthority"] = _pki.AuthorityPem;
        }

        return settings;
    }
}
