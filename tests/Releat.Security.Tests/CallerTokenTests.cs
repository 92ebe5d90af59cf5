using Grpc.Core;
using Releat.Contracts.Channels;
using Releat.Security.Tests.Support;
using Releat.Testing;
using V1 = Releat.Contracts.V1;

namespace Releat.Security.Tests;

/// <summary>
/// Caller tokens on a host built with ServiceDefaults (callers "trader", trade, and "dashboard", read): what is not a
/// configured bearer token is UNAUTHENTICATED as grpc-status, on streaming calls too; the presented token is never
/// echoed or logged, while every log line of a call carries the caller's name; clients ask a token provider per call.
/// </summary>
public sealed class CallerTokenTests
{
    private static readonly Dictionary<string, string?> Callers = new()
    {
        ["Auth:Callers:0:Name"] = "trader",
        ["Auth:Callers:0:Role"] = "trade",
        ["Auth:Callers:0:Token"] = HostTokens.Trade,
        ["Auth:Callers:1:Name"] = "dashboard",
        ["Auth:Callers:1:Role"] = "read",
        ["Auth:Callers:1:Token"] = HostTokens.Read,
    };

    [Fact]
    public async Task A_wrong_token_is_unauthenticated_and_never_echoed()
    {
        using var logs = new CapturedLogs();
        await using var host = await ServiceDefaultsHost.StartAsync(Callers, logs).WithTimeout();
        using var channel = host.CreateChannel(new ReleatChannelOptions { BearerToken = HostTokens.Wrong });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new V1.Signals.SignalsClient(channel).GetLatestSignalAsync(new V1.GetLatestSignalRequest()).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("invalid_token", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(HostTokens.Wrong, error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(error.Trailers, t => !t.IsBinary && t.Value.Contains(HostTokens.Wrong, StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("denied: invalid_token", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(HostTokens.Wrong, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Basic dHJhZGVyOnNlY3JldA==")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer" + HostTokens.Trade)]
    [InlineData(HostTokens.Trade)]
    public async Task An_authorization_that_is_not_a_bearer_token_is_unauthenticated(string authorization)
    {
        await using var host = await ServiceDefaultsHost.StartAsync(Callers).WithTimeout();
        using var channel = host.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => new V1.Signals.SignalsClient(channel)
            .GetLatestSignalAsync(new V1.GetLatestSignalRequest(), new Metadata { { "authorization", authorization } }).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Streaming_calls_are_guarded_the_same_way()
    {
        await using var host = await ServiceDefaultsHost.StartAsync(Callers).WithTimeout();
        using var anonymous = host.CreateChannel();
        using var trader = host.CreateChannel(new ReleatChannelOptions { BearerToken = HostTokens.Trade });

        using var refused = new V1.Signals.SignalsClient(anonymous).StreamSignals(new V1.StreamSignalsRequest { AgentId = "a" });
        var error = await Assert.ThrowsAsync<RpcException>(() => refused.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());
        using var cancel = new CancellationTokenSource();
        using var allowed = new V1.Signals.SignalsClient(trader).StreamSignals(new V1.StreamSignalsRequest { AgentId = "a" }, cancellationToken: cancel.Token);
        var first = await allowed.ResponseStream.MoveNext(CancellationToken.None).WithTimeout();
        await cancel.CancelAsync();

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.StartsWith("Bearer realm=\"releat\"", error.Trailers.GetValue("www-authenticate"), StringComparison.Ordinal);
        Assert.True(first);
        Assert.Equal("a", allowed.ResponseStream.Current.AgentId);
    }

    [Fact]
    public async Task A_token_provider_is_asked_on_every_call()
    {
        await using var host = await ServiceDefaultsHost.StartAsync(Callers).WithTimeout();
        var asked = 0;
        using var channel = host.CreateChannel(new ReleatChannelOptions
        {
            BearerTokenProvider = () => Interlocked.Increment(ref asked) == 1 ? HostTokens.Read : HostTokens.Trade,
        });
        var client = new V1.Signals.SignalsClient(channel);

        var first = await client.GetLatestSignalAsync(new V1.GetLatestSignalRequest()).ResponseAsync.WithTimeout();
        var second = await client.GetLatestSignalAsync(new V1.GetLatestSignalRequest()).ResponseAsync.WithTimeout();

        Assert.Equal(["dashboard", "trader"], new[] { first.Symbol, second.Symbol });
        Assert.Equal(2, Volatile.Read(ref asked));
    }

    /// <remarks>
    /// The home-made client let explicit metadata replace the channel's token; Grpc.Net.Client's call credentials add
    /// their header beside it. Two authorization values are refused, never resolved by picking one.
    /// </remarks>
    [Fact]
    public async Task Explicit_authorization_beside_the_channel_token_is_refused_not_chosen()
    {
        await using var host = await ServiceDefaultsHost.StartAsync(Callers).WithTimeout();
        using var channel = host.CreateChannel(new ReleatChannelOptions { BearerToken = HostTokens.Read });
        var headers = new Metadata { { "authorization", "Bearer " + HostTokens.Trade } };

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new V1.Signals.SignalsClient(channel).GetLatestSignalAsync(new V1.GetLatestSignalRequest(), headers).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Log_lines_of_a_call_carry_the_caller_name_and_never_the_token()
    {
        using var logs = new CapturedLogs();
        await using var host = await ServiceDefaultsHost.StartAsync(Callers, logs).WithTimeout();
        using var channel = host.CreateChannel(new ReleatChannelOptions { BearerToken = HostTokens.Trade });

        await new V1.Signals.SignalsClient(channel).GetLatestSignalAsync(new V1.GetLatestSignalRequest { AgentId = "scoped" }).ResponseAsync.WithTimeout();

        var line = Assert.Single(logs.Lines, l => l.Contains("Served scoped", StringComparison.Ordinal));
        Assert.Contains("caller trader", line, StringComparison.Ordinal);
        Assert.Contains("/releat.v1.Signals/GetLatestSignal", line, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(HostTokens.Trade, StringComparison.Ordinal));
    }
}
