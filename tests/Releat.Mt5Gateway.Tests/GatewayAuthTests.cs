using Grpc.Core;
using V1 = Releat.Contracts.V1;

namespace Releat.Mt5Gateway.Tests;

/// <summary>With callers configured, market data needs a read token and orders need a trade token.</summary>
public sealed class GatewayAuthTests
{
    [Fact]
    public async Task Orders_need_the_trade_role_and_market_data_the_read_role()
    {
        await using var gateway = await GatewayFixture.StartAsync(TempFolder.Create(), GatewayCallers.Settings());
        var order = new V1.OrderRequest { ClientOrderId = "auth-1", Symbol = "EURUSD", Side = V1.OrderSide.Buy, Volume = 0.01 };

        var anonymous = await Assert.ThrowsAsync<RpcException>(async () => await gateway.MarketData.GetSymbolAsync(new V1.GetSymbolRequest { Symbol = "EURUSD" }));
        using var reader = GatewayCallers.Channel(gateway, GatewayCallers.ReadToken);
        var symbol = await new V1.MarketData.MarketDataClient(reader).GetSymbolAsync(new V1.GetSymbolRequest { Symbol = "EURUSD" });
        var denied = await Assert.ThrowsAsync<RpcException>(async () => await new V1.Trading.TradingClient(reader).SendOrderAsync(order));
        using var trader = GatewayCallers.Channel(gateway, GatewayCallers.TradeToken);
        var filled = await new V1.Trading.TradingClient(trader).SendOrderAsync(order);

        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
        Assert.Equal("EURUSD", symbol.Symbol);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal(V1.OrderState.Filled, filled.State);
    }
}
