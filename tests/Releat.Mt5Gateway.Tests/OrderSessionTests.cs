using Grpc.Core;
using V1 = Releat.Contracts.V1;

namespace Releat.Mt5Gateway.Tests;

/// <summary>
/// Trading.OrderSession: orders one after another on one call, each answered as SendOrder or ClosePosition would
/// answer it, with the same checks, idempotency, role and per-order rate limit.
/// </summary>
public sealed class OrderSessionTests
{
    [Fact]
    public async Task Commands_are_answered_in_order_with_the_results_of_the_unary_methods()
    {
        await using var gateway = await GatewayFixture.StartAsync(TempFolder.Create(), new Dictionary<string, string>
        {
            ["Simulated__Source"] = "Synthetic",
            ["Simulated__Speed"] = "50",
        });
        using var session = gateway.Trading.OrderSession();
        var order = new V1.OrderRequest { ClientOrderId = "s-1", Symbol = "EURUSD", Side = V1.OrderSide.Buy, Volume = 0.1 };

        var filled = await SendAsync(session, new V1.OrderCommand { Send = order });
        var again = await SendAsync(session, new V1.OrderCommand { Send = order });
        var unary = await gateway.Trading.SendOrderAsync(order);
        var position = Assert.Single((await gateway.Trading.GetPositionsAsync(new V1.GetPositionsRequest())).Positions);
        var closed = await SendAsync(session, new V1.OrderCommand { Close = new V1.ClosePositionRequest { ClientOrderId = "s-2", PositionId = position.PositionId } });
        await session.RequestStream.CompleteAsync();

        Assert.Equal(V1.OrderState.Filled, filled.State);
        Assert.Equal("s-1", filled.ClientOrderId);
        Assert.Equal(filled.OrderId, again.OrderId);
        Assert.Equal(filled.OrderId, unary.OrderId);
        Assert.Equal(filled.PositionId, position.PositionId);
        Assert.Equal(V1.OrderState.Filled, closed.State);
        Assert.Equal("s-2", closed.ClientOrderId);
        Assert.False(await session.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, session.GetStatus().StatusCode);
        Assert.Empty((await gateway.Trading.GetPositionsAsync(new V1.GetPositionsRequest())).Positions);
    }

    [Fact]
    public async Task A_command_the_unary_method_would_refuse_ends_the_session_with_its_status()
    {
        await using var gateway = await GatewayFixture.StartAsync(TempFolder.Create(), new Dictionary<string, string> { ["Simulated__Speed"] = "50" });
        using var noId = gateway.Trading.OrderSession();
        using var empty = gateway.Trading.OrderSession();

        var refused = await Assert.ThrowsAsync<RpcException>(() => SendAsync(noId, new V1.OrderCommand { Send = new V1.OrderRequest { Symbol = "EURUSD", Side = V1.OrderSide.Buy, Volume = 1 } }));
        var nothing = await Assert.ThrowsAsync<RpcException>(() => SendAsync(empty, new V1.OrderCommand()));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("client_order_id", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, nothing.StatusCode);
        Assert.Empty((await gateway.Trading.GetPositionsAsync(new V1.GetPositionsRequest())).Positions);
    }

    [Fact]
    public async Task A_session_needs_the_trade_role_and_takes_the_order_rate_limit_per_command()
    {
        await using var gateway = await GatewayFixture.StartAsync(TempFolder.Create(), GatewayCallers.Settings(new Dictionary<string, string>
        {
            ["Grpc__RateLimits__orders__TokenLimit"] = "2",
            ["Grpc__RateLimits__orders__TokensPerPeriod"] = "1",
            ["Grpc__RateLimits__orders__ReplenishmentPeriod"] = "01:00:00",
        }));
        using var reader = GatewayCallers.Channel(gateway, GatewayCallers.ReadToken);
        using var trader = GatewayCallers.Channel(gateway, GatewayCallers.TradeToken);
        using var readSession = new V1.Trading.TradingClient(reader).OrderSession();
        using var tradeSession = new V1.Trading.TradingClient(trader).OrderSession();

        // The gateway refuses the session when it opens, before any command: read that answer. Writing a command
        // first races the refusal (under load the write lost and failed on its own, as CANCELLED: the stream was
        // reset under it), which says nothing about the role.
        var denied = await Assert.ThrowsAsync<RpcException>(() => readSession.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60)));
        var first = await SendAsync(tradeSession, Order("t-1"));
        var second = await SendAsync(tradeSession, Order("t-2"));
        var third = await Assert.ThrowsAsync<RpcException>(() => SendAsync(tradeSession, Order("t-3")));

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal(V1.OrderState.Filled, first.State);
        Assert.Equal(V1.OrderState.Filled, second.State);
        Assert.Equal(StatusCode.ResourceExhausted, third.StatusCode);
        Assert.Equal(2, (await new V1.Trading.TradingClient(trader).GetPositionsAsync(new V1.GetPositionsRequest())).Positions.Count);
    }

    private static V1.OrderCommand Order(string id) =>
        new() { Send = new V1.OrderRequest { ClientOrderId = id, Symbol = "EURUSD", Side = V1.OrderSide.Buy, Volume = 0.01 } };

    private static async Task<V1.OrderResult> SendAsync(AsyncDuplexStreamingCall<V1.OrderCommand, V1.OrderResult> session, V1.OrderCommand command)
    {
        await session.RequestStream.WriteAsync(command).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(await session.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60)), "the session ended without an answer");
        return session.ResponseStream.Current;
    }
}
