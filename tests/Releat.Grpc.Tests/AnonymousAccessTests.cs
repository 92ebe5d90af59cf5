using System.Net;
using Grpc.Core;
using Releat.Grpc.Auth;
using Releat.Grpc.Tests.Support;
using Releat.Test.V1;

namespace Releat.Grpc.Tests;

/// <summary>
/// The safe default with no callers configured: open on loopback only; beyond loopback the server refuses to start
/// unless Auth:AllowAnonymous=true is set, which it then shouts about.
/// </summary>
public sealed class AnonymousAccessTests
{
    [Fact]
    public async Task Without_callers_a_loopback_server_serves_everything_anonymously()
    {
        await using var server = await AuthTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel);

        Assert.Equal("anonymous", (await client.UnaryAsync(new EchoRequest())).Text);
        Assert.Equal("traded by anonymous", (await client.SleepAsync(new SleepRequest())).Text);
        Assert.Contains(server.Logs.Lines, l => l.Contains("authentication off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_callers_a_server_bound_beyond_loopback_refuses_to_start_naming_the_setting()
    {
        await using var app = AuthTestServer.Build(null, null, IPAddress.Any, out _);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("Auth:Callers", error.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:AllowAnonymous=true", error.Message, StringComparison.Ordinal);
        Assert.Contains("0.0.0.0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allow_anonymous_serves_beyond_loopback_with_a_loud_warning()
    {
        await using var server = await AuthTestServer.StartAsync(o => o.AllowAnonymous = true, bindTo: IPAddress.Any);
        using var channel = server.CreateChannel();

        var reply = await new Echo.EchoClient(channel).SleepAsync(new SleepRequest());

        Assert.Equal("traded by anonymous", reply.Text);
        Assert.Contains(server.Logs.Lines, l => l.StartsWith("Critical", StringComparison.Ordinal)
            && l.Contains("WITHOUT AUTHENTICATION", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_callers_a_server_beyond_loopback_starts_and_requires_tokens()
    {
        await using var server = await AuthTestServer.StartAsync(TestTokens.AddBothCallers, bindTo: IPAddress.Any);
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public void Until_the_endpoints_are_checked_nothing_protected_is_served()
    {
        var authentication = new CallerAuthentication(Microsoft.Extensions.Options.Options.Create(new GrpcAuthOptions()));

        var admitted = authentication.TryAuthenticate(default, out _, out var denial);

        Assert.False(admitted);
        Assert.Equal(StatusCode.Unavailable, denial.Code);
    }

    [Theory]
    [InlineData("http://127.0.0.1:6001", true)]
    [InlineData("https://127.0.0.1:6001", true)]
    [InlineData("http://127.10.0.3:6001", true)]
    [InlineData("http://[::1]:6001", true)]
    [InlineData("http://localhost:6001", true)]
    [InlineData("http://unix:/run/releat/gateway.sock", true)]
    [InlineData("http://0.0.0.0:6001", false)]
    [InlineData("http://[::]:6001", false)]
    [InlineData("http://192.168.1.20:6001", false)]
    [InlineData("http://gateway.internal:6001", false)]
    [InlineData("http://*:6001", false)]
    [InlineData("not a url", false)]
    public void Listen_addresses_are_local_only_when_on_loopback(string address, bool localOnly) =>
        Assert.Equal(localOnly, ListenAddress.IsLocalOnly(address));
}
