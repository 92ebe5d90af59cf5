using Releat.MarketData.Model;
using Releat.MarketData.Trading;
using Releat.MarketData.Trading.Events;

namespace Releat.MarketData.Tests.Trading;

public sealed class ProfitAndLossTests
{
    [Fact]
    public void AEurUsdLongMakesOneHundredDollarsAPipPerLotInAUsdAccount()
    {
        var h = new BrokerHarness();
        h.Quote("EURUSD", Times.MondayMorning, 1.10000, 1.10002);
        h.Buy("EURUSD", 1);
        h.QuoteAfter(1, "EURUSD", 1.10000, 1.10002);
        h.QuoteAfter(1_000, "EURUSD", 1.10502, 1.10504);

        Assert.Equal(500, h.SinglePosition().Profit, 6);
        Assert.Equal(10_500, h.Account.Equity, 6);
        Assert.Equal(10_000, h.Account.Balance, 6);

        h.Broker.ClosePosition(h.SinglePosition().Id, 1, "close");
        h.QuoteAfter(1, "EURUSD", 1.10602, 1.10604);

        PositionClosed closed = Assert.Single(h.Events.OfType<PositionClosed>());
        Assert.Equal((CloseReason.Client, 1.10602, 0.0), (closed.Reason, closed.ClosePrice, closed.RemainingVolume));
        Assert.Equal(600, closed.Profit, 6);
        Assert.Equal(new AccountState("USD", 10_600, 10_600, 0, 10_600, 0), Rounded(h.Account));
        Assert.Empty(h.Broker.GetPositions());
    }

    private static AccountState Rounded(AccountState a) =>
        a with { Balance = Math.Round(a.Balance, 6), Equity = Math.Round(a.Equity, 6), FreeMargin = Math.Round(a.FreeMargin, 6) };

    [Fact]
    public void AUsdJpyProfitInYenIsConvertedToDollarsAtTheCurrentRate()
    {
        var h = new BrokerHarness();
        h.Quote("USDJPY", Times.MondayMorning, 150.000, 150.010);
        h.Buy("USDJPY", 1);
        h.QuoteAfter(1, "USDJPY", 150.000, 150.010);
        Assert.Equal(1_000, h.SinglePosition().Margin, 6);

        h.QuoteAfter(60_000, "USDJPY", 151.000, 151.010);
        h.Broker.ClosePosition(h.SinglePosition().Id, 1, "close");
        h.QuoteAfter(1, "USDJPY", 151.000, 151.010);

        double expected = (151.000 - 150.010) * 100_000 / 151.005;
        Assert.Equal(expected, Assert.Single(h.Events.OfType<PositionClosed>()).Profit, 6);
        Assert.Equal(10_000 + expected, h.Account.Balance, 6);
    }

    [Fact]
    public void AEuroAccountConvertsDollarProfitAndYenProfitThroughTwoPairs()
    {
        var h = new BrokerHarness(new BrokerSettings { AccountCurrency = "EUR" });
        h.Quote("USDJPY", Times.MondayMorning, 150.000, 150.010);
        Assert.Equal(TradeRetcode.PriceOff, h.Buy("USDJPY", 1).RetCode);

        h.QuoteAfter(1, "EURUSD", 1.09999, 1.10001);
        h.Buy("USDJPY", 1);
        h.Buy("EURUSD", 1);
        h.QuoteAfter(1, "USDJPY", 150.000, 150.010);
        h.QuoteAfter(1, "EURUSD", 1.09999, 1.10001);
        h.QuoteAfter(1, "USDJPY", 151.000, 151.010);

        Position yen = h.Broker.GetPositions().Single(p => p.Symbol == "USDJPY");
        Position euro = h.Broker.GetPositions().Single(p => p.Symbol == "EURUSD");
        Assert.Equal((151.000 - 150.010) * 100_000 / 151.005 / 1.1, yen.Profit, 6);
        Assert.Equal(1_000 / 1.1, yen.Margin, 6);
        Assert.Equal(1_000, euro.Margin, 6);
        Assert.Equal((1.09999 - 1.10001) * 100_000 / 1.1, euro.Profit, 6);
    }

    [Fact]
    public void CommissionIsChargedPerLotOnEachSide()
    {
        var h = new BrokerHarness(symbols: SymbolCatalog.Defaults);
        h.Quote("EURUSD", Times.MondayMorning, 1.10000, 1.10002);
        h.Buy("EURUSD", 2);
        h.QuoteAfter(1, "EURUSD", 1.10000, 1.10002);

        Assert.Equal(10_000 - 7, h.Account.Balance, 6);
        Assert.Equal(7, h.SinglePosition().Commission, 6);
        Assert.Equal(7, Assert.Single(h.Events.OfType<OrderFilled>()).Commission, 6);

        h.Broker.ClosePosition(h.SinglePosition().Id, 2, "close");
        h.QuoteAfter(1, "EURUSD", 1.10012, 1.10014);

        PositionClosed closed = Assert.Single(h.Events.OfType<PositionClosed>());
        Assert.Equal((7.0, 20.0), (Math.Round(closed.Commission, 6), Math.Round(closed.Profit, 6)));
        Assert.Equal(13, closed.NetProfit, 6);
        Assert.Equal(10_000 - 14 + 20, h.Account.Balance, 6);
    }
}
