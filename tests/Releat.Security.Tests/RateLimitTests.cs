using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Releat.Contracts.Channels;
using Releat.Security.Tests.Support;
using Releat.ServiceDefaults.Limits;
using Releat.Testing;
using V1 = Releat.Contracts.V1;

namespace Releat.Security.Tests;

/// <summary>
/// Per-caller rate limits on a host built with ServiceDefaults (the probe's GetLatestSignal is [EnableRateLimiting("probe")]):
/// each caller has its own bucket, over it the call is RESOURCE_EXHAUSTED with a retry-after as grpc-status, the
/// bucket refills; a service's declared default applies when configuration says nothing, and a policy with neither
/// stops the host before it serves.
/// </summary>
public sealed class RateLimitTests
{
    private const string OtherTradeToken = "other-trade-token-for-tests-0123456789abcd";

    [Fact]
    public async Task A_caller_over_its_bucket_is_refused_while_another_caller_is_not()
    {
        await using var host = await ServiceDefaultsHost.StartAsync(Settings("3", "01:00:00")).WithTimeout();
        using var traderChannel = host.CreateChannel(new ReleatChannelOptions { BearerToken = HostTokens.Trade });
        using var otherChannel = host.CreateChannel(new ReleatChannelOptions { BearerToken = OtherTradeToken });
        var trader = new V1.Signals.SignalsClient(traderChannel);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("trader", (await trader.GetLatestSignalAsync(new V1.GetLatestSignalRequest()).ResponseAsync.WithTimeout()).Symbol);
        }

        var limited = await Assert.ThrowsAsync<RpcException>(() => trader.GetLatestSignalAsync(new V1.GetLatestSignalRequest()).ResponseAsync.WithTimeout());
        var other = await new V1.Signals.SignalsClient(otherChannel).GetLatestSignalAsync(new V1.GetLatestSignalRequest()).ResponseAsync.WithTimeout();
        using var cancel = new CancellationTokenSource();
        using var unlimited = trader.StreamSignals(new V1.StreamSignalsRequest { AgentId = "a" }, cancellationToken: cancel.Token);
        var streamed = await unlimited.ResponseStream.MoveNext(CancellationToken.None).WithTimeout();
        await cancel.CancelAsync();

        Assert.Equal(StatusCode.ResourceExhausted, limited.StatusCode);
        Assert.Contains("Rate limit 'probe' exceeded for caller 'trader'", limited.Status.Detail, StringComparison.Ordinal);
        Assert.True(int.Parse(limited.Trailers.GetValue("retry-after")!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("other", other.Symbol);
        Assert.True(streamed, "a method without the policy is not limited by its bucket");
    }

    [Fact]
    public async Task The_bucket_refills_after_its_period()
    {
        await using var host = await ServiceDefaultsHost.StartAsync(Settings("1", "00:00:00.200")).WithTimeout();
        using var channel = host.CreateChannel(new ReleatChannelOptions { BearerToken = HostTokens.Trade });
        var client = new V1.Signals.SignalsClient(channel);

        // The bucket refills on a timer of its own, so a refill may fall between any two calls: call until one is
        // refused (the bucket is empty), then until one is accepted again (it refilled).
        V1.Signal? refilled = null;
        await Eventually.WaitUntilAsync(async () => !await AcceptedAsync(client), "a call refused once the single token is spent");
        await Eventually.WaitUntilAsync(async () => (refilled = await TryCallAsync(client)) is not null, "a call accepted again after the bucket's period");

        Assert.Equal("trader", refilled!.Symbol);
    }

    [Fact]
    public async Task A_method_naming_an_unconfigured_policy_fails_the_start()
    {
        await using var app = ServiceDefaultsHost.Build(new Dictionary<string, string?>(), probeRateLimit: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync().WithTimeout());

        Assert.Contains("Grpc:RateLimits:probe is not configured", error.Message, StringComparison.Ordinal);
        Assert.Contains("/releat.v1.Signals/GetLatestSignal", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddCallerRateLimitDefault", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_bucket_fails_the_start_naming_the_setting()
    {
        await using var app = ServiceDefaultsHost.Build(new Dictionary<string, string?> { ["Grpc:RateLimits:probe:TokenLimit"] = "0" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync().WithTimeout());

        Assert.Contains("Grpc:RateLimits:probe needs TokenLimit >= 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declared_default_limits_calls_when_configuration_says_nothing()
    {
        await using var host = await ServiceDefaultsHost.StartAsync(
            probeRateLimit: false,
            configureServices: s => s.AddCallerRateLimitDefault("probe", tokenLimit: 2, tokensPerPeriod: 1, TimeSpan.FromHours(1))).WithTimeout();
        using var channel = host.CreateChannel();
        var client = new V1.Signals.SignalsClient(channel);

        await client.GetLatestSignalAsync(new V1.GetLatestSignalRequest()).ResponseAsync.WithTimeout();
        await client.GetLatestSignalAsync(new V1.GetLatestSignalRequest()).ResponseAsync.WithTimeout();
        var third = await Assert.ThrowsAsync<RpcException>(() => client.GetLatestSignalAsync(new V1.GetLatestSignalRequest()).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.ResourceExhausted, third.StatusCode);
    }

    [Fact]
    public void Configuration_overrides_a_declared_default_field_by_field()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Grpc:RateLimits:orders:TokenLimit"] = "5",
            ["Grpc:RateLimits:reports:TokensPerPeriod"] = "3",
        }).Build();
        using var services = new ServiceCollection()
            .AddCallerRateLimits(configuration)
            .AddCallerRateLimitDefault("orders", tokenLimit: 20, tokensPerPeriod: 10, TimeSpan.FromSeconds(2))
            .BuildServiceProvider();

        var buckets = services.GetRequiredService<IOptions<RateLimitPolicies>>().Value.Buckets;

        Assert.Equal((5, 10, TimeSpan.FromSeconds(2)), (buckets["orders"].TokenLimit, buckets["orders"].TokensPerPeriod, buckets["orders"].ReplenishmentPeriod));
        Assert.Equal((10, 3, TimeSpan.FromSeconds(1)), (buckets["reports"].TokenLimit, buckets["reports"].TokensPerPeriod, buckets["reports"].ReplenishmentPeriod));
    }

    private static async Task<bool> AcceptedAsync(V1.Signals.SignalsClient client) => await TryCallAsync(client) is not null;

    /// <summary>The reply, or null when the call is refused for the rate limit.</summary>
    private static async Task<V1.Signal?> TryCallAsync(V1.Signals.SignalsClient client)
    {
        try
        {
            return await client.GetLatestSignalAsync(new V1.GetLatestSignalRequest()).ResponseAsync.WithTimeout();
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
        {
            return null;
        }
    }

    private static Dictionary<string, string?> Settings(string tokenLimit, string period) => new()
    {
        ["Auth:Callers:0:Name"] = "trader",
        ["Auth:Callers:0:Role"] = "trade",
        ["Auth:Callers:0:Token"] = HostTokens.Trade,
        ["Auth:Callers:1:Name"] = "other",
        ["Auth:Callers:1:Role"] = "trade",
        ["Auth:Callers:1:Token"] = OtherTradeToken,
        ["Grpc:RateLimits:probe:TokenLimit"] = tokenLimit,
        ["Grpc:RateLimits:probe:TokensPerPeriod"] = "1",
        ["Grpc:RateLimits:probe:ReplenishmentPeriod"] = period,
    };
}
