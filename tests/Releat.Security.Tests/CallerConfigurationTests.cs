using Grpc.Core;
using Releat.Contracts.Channels;
using Releat.Security.Tests.Support;
using Releat.ServiceDefaults.Auth;
using V1 = Releat.Contracts.V1;

namespace Releat.Security.Tests;

/// <summary>
/// Each mistake in Auth:Callers stops the host at startup with the configuration key it is about; the loopback rule
/// (no callers: serve without tokens only on loopback); clients refuse tokens that could split headers.
/// </summary>
public sealed class CallerConfigurationTests
{
    [Theory]
    [InlineData(null, "trade", HostTokens.Trade, "Auth:Callers:0:Name is missing")]
    [InlineData("trader", "admin", HostTokens.Trade, "Auth:Callers:0:Role is 'admin'")]
    [InlineData("trader", null, HostTokens.Trade, "Auth:Callers:0:Role is ''")]
    [InlineData("trader", "trade", "short", "shorter than 24 characters")]
    [InlineData("trader", "trade", "has space 0123456789abcdef0123", "whitespace")]
    [InlineData("trader", "trade", null, "give exactly one of Auth:Callers:0:Token and Auth:Callers:0:TokenFile")]
    public void A_bad_caller_is_refused_naming_its_key(string? name, string? role, string? token, string expected)
    {
        var options = new CallerAuthOptions();
        options.Callers.Add(new CallerOptions { Name = name, Role = role, Token = token });

        var error = Assert.Throws<InvalidOperationException>(() => CallerDirectory.From(options));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_callers_with_one_token_or_one_name_are_refused()
    {
        var sameToken = new CallerAuthOptions();
        sameToken.Callers.Add(new CallerOptions { Name = "a", Role = "read", Token = HostTokens.Trade });
        sameToken.Callers.Add(new CallerOptions { Name = "b", Role = "trade", Token = HostTokens.Trade });
        var sameName = new CallerAuthOptions();
        sameName.Callers.Add(new CallerOptions { Name = "a", Role = "read", Token = HostTokens.Read });
        sameName.Callers.Add(new CallerOptions { Name = "A", Role = "trade", Token = HostTokens.Trade });

        Assert.Contains("Auth:Callers:1 ('b')", Assert.Throws<InvalidOperationException>(() => CallerDirectory.From(sameToken)).Message, StringComparison.Ordinal);
        Assert.Contains("Auth:Callers:1:Name 'A'", Assert.Throws<InvalidOperationException>(() => CallerDirectory.From(sameName)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_file_is_read_and_only_the_exact_token_identifies_its_caller()
    {
        var path = Path.Combine(Path.GetTempPath(), $"releat-token-{Guid.NewGuid():N}");
        File.WriteAllText(path, HostTokens.Trade + "\n");
        try
        {
            var options = new CallerAuthOptions();
            options.Callers.Add(new CallerOptions { Name = "trader", Role = "TRADE", TokenFile = path });

            var directory = CallerDirectory.From(options);

            Assert.Equal(new Caller("trader", CallerRole.Trade), directory.Identify(HostTokens.Trade));
            Assert.Null(directory.Identify(HostTokens.Trade + "\n"));
            Assert.Null(directory.Identify(HostTokens.Trade.AsSpan()[..^1]));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_token_file_names_the_key_and_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"releat-missing-token-{Guid.NewGuid():N}");
        var options = new CallerAuthOptions();
        options.Callers.Add(new CallerOptions { Name = "trader", Role = "trade", TokenFile = path });

        var error = Assert.Throws<InvalidOperationException>(() => CallerDirectory.From(options));

        Assert.Contains($"Auth:Callers:0:TokenFile '{path}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_weak_token_stops_the_host_at_start()
    {
        await using var app = ServiceDefaultsHost.Build(new Dictionary<string, string?>
        {
            ["Auth:Callers:0:Name"] = "trader",
            ["Auth:Callers:0:Role"] = "trade",
            ["Auth:Callers:0:Token"] = "too-short",
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("Auth:Callers:0", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("too-short", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_callers_a_host_bound_beyond_loopback_refuses_to_start_naming_the_setting()
    {
        await using var app = ServiceDefaultsHost.Build(new Dictionary<string, string?> { ["Kestrel:Endpoints:Grpc:Url"] = "http://0.0.0.0:0" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("Auth:Callers", error.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:AllowAnonymous=true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_callers_a_loopback_host_serves_trade_methods_to_the_anonymous_caller()
    {
        await using var host = await ServiceDefaultsHost.StartAsync();
        using var channel = host.CreateChannel();

        var reply = await new V1.Signals.SignalsClient(channel).GetLatestSignalAsync(new V1.GetLatestSignalRequest { AgentId = "a" });

        Assert.Equal("anonymous", reply.Symbol);
    }

    [Fact]
    public async Task Read_on_a_trade_method_is_PERMISSION_DENIED_and_no_token_is_UNAUTHENTICATED_as_grpc_status()
    {
        await using var host = await ServiceDefaultsHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Callers:0:Name"] = "dashboard",
            ["Auth:Callers:0:Role"] = "read",
            ["Auth:Callers:0:Token"] = HostTokens.Read,
        });
        using var anonymous = host.CreateChannel();
        using var reader = host.CreateChannel(new ReleatChannelOptions { BearerToken = HostTokens.Read });

        var missing = await Assert.ThrowsAsync<RpcException>(async () =>
            await new V1.Signals.SignalsClient(anonymous).GetLatestSignalAsync(new V1.GetLatestSignalRequest()));
        var denied = await Assert.ThrowsAsync<RpcException>(async () =>
            await new V1.Signals.SignalsClient(reader).StreamSignals(new V1.StreamSignalsRequest()).ResponseStream.MoveNext());
        var read = await new V1.Signals.SignalsClient(reader).GetLatestSignalAsync(new V1.GetLatestSignalRequest());

        Assert.Equal(StatusCode.Unauthenticated, missing.StatusCode);
        Assert.StartsWith("Bearer realm=\"releat\"", missing.Trailers.GetValue("www-authenticate"), StringComparison.Ordinal);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Contains("needs role trade", denied.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("dashboard", read.Symbol);
    }

    [Fact]
    public void A_channel_refuses_a_token_that_could_split_headers()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ReleatChannel.ForAddress("http://127.0.0.1:1", new ReleatChannelOptions { BearerToken = "abc\r\nx-evil: 1" }));

        Assert.DoesNotContain("x-evil", error.Message, StringComparison.Ordinal);
    }
}
