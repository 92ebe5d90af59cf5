using Grpc.Core;
using Releat.Grpc.Tests.Support;
using Releat.Test.V1;

namespace Releat.Grpc.Tests;

/// <summary>[RateLimited("orders")]: a token bucket per caller; over it the call ends RESOURCE_EXHAUSTED.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task A_caller_over_its_bucket_is_refused_while_another_caller_is_not()
    {
        await using var server = await AuthTestServer.StartAsync(
            TestTokens.AddBothCallers,
            grpc => grpc.RateLimits["orders"] = new GrpcRateLimitOptions
            {
                TokenLimit = 3,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromHours(1),
            });
        using var traderChannel = server.CreateChannel(TestTokens.Trader);
        using var otherChannel = server.CreateChannel(TestTokens.Reader);
        var trader = new Echo.EchoClient(traderChannel);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("order accepted for trader", (await trader.FlakyAsync(new FlakyRequest())).Text);
        }

        var limited = await Assert.ThrowsAsync<RpcException>(async () => await trader.FlakyAsync(new FlakyRequest()));
        var unlimited = await trader.UnaryAsync(new EchoRequest());

        Assert.Equal(StatusCode.ResourceExhausted, limited.StatusCode);
        Assert.Contains("Rate limit 'orders' exceeded for caller 'trader'", limited.Status.Detail, StringComparison.Ordinal);
        Assert.NotNull(limited.Trailers.GetValue("retry-after"));
        Assert.Equal("trader", unlimited.Text);

        // The reader is refused by role, not by the trader's empty bucket: buckets are per caller, after the role check.
        var reader = await Assert.ThrowsAsync<RpcException>(async () => await new Echo.EchoClient(otherChannel).FlakyAsync(new FlakyRequest()));
        Assert.Equal(StatusCode.PermissionDenied, reader.StatusCode);
    }

    [Fact]
    public async Task Each_caller_has_its_own_bucket()
    {
        await using var server = await AuthTestServer.StartAsync(
            options =>
            {
                options.Callers.Add(new GrpcCallerOptions { Name = "trader-a", Role = "trade", Token = TestTokens.Trader });
                options.Callers.Add(new GrpcCallerOptions { Name = "trader-b", Role = "trade", Token = TestTokens.Reader });
            },
            grpc => grpc.RateLimits["orders"] = new GrpcRateLimitOptions { TokenLimit = 1, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromHours(1) });
        using var channelA = server.CreateChannel(TestTokens.Trader);
        using var channelB = server.CreateChannel(TestTokens.Reader);

        await new Echo.EchoClient(channelA).FlakyAsync(new FlakyRequest());
        var secondA = await Assert.ThrowsAsync<RpcException>(async () => await new Echo.EchoClient(channelA).FlakyAsync(new FlakyRequest()));
        var firstB = await new Echo.EchoClient(channelB).FlakyAsync(new FlakyRequest());

        Assert.Equal(StatusCode.ResourceExhausted, secondA.StatusCode);
        Assert.Equal("order accepted for trader-b", firstB.Text);
    }

    [Fact]
    public async Task The_bucket_refills_after_its_period()
    {
        await using var server = await AuthTestServer.StartAsync(
            TestTokens.AddBothCallers,
            grpc => grpc.RateLimits["orders"] = new GrpcRateLimitOptions
            {
                TokenLimit = 1,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromMilliseconds(200),
            });
        using var channel = server.CreateChannel(TestTokens.Trader);
        var client = new Echo.EchoClient(channel);

        await client.FlakyAsync(new FlakyRequest());
        await Assert.ThrowsAsync<RpcException>(async () => await client.FlakyAsync(new FlakyRequest()));
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        var refilled = await client.FlakyAsync(new FlakyRequest());

        Assert.Equal("order accepted for trader", refilled.Text);
    }

    [Fact]
    public async Task A_method_naming_an_unconfigured_policy_fails_the_mapping()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await AuthTestServer.StartAsync(TestTokens.AddBothCallers, grpc => grpc.RateLimits.Clear()));

        Assert.Contains("Grpc:RateLimits:orders is not configured", error.Message, StringComparison.Ordinal);
        Assert.Contains("/releat.test.v1.Echo/Flaky", error.Message, StringComparison.Ordinal);
    }
}
