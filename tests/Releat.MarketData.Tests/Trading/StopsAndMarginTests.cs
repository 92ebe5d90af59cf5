using Releat.MarketData.Model;
using Releat.MarketData.Trading;
using Releat.MarketData.Trading.Events;

namespace Releat.MarketData.Tests.Trading;

public sealed class StopsAndMarginTests
{
    [Fact]
    public void ALongStopLossTriggersOnTheBidAndFillsAtTheBidEvenThroughAGap()
    {
        var h = new BrokerHarness();
        h.Quote("EURUSD", Times.MondayMorning, 1.10000, 1.10002);
        h.Buy("EURUSD", 1, stopLoss: 1.09900);
        h.QuoteAfter(1, "EURUSD", 1.10000, 1.10002);

        h.QuoteAfter(1_000, "EURUSD", 1.09901, 1.09903);
        Assert.Single(h.Broker.GetPositions());

        h.QuoteAfter(1_000, "EURUSD", 1.09880, 1.09882);
        PositionClosed closed = Assert.Single(h.Events.OfType<PositionClosed>());
        Assert.Equal((CloseReason.StopLoss, 1.09880), (closed.Reason, closed.ClosePrice));
        Assert.Equal((1.09880 - 1.10002) * 100_000, closed.Profit, 6);
        Assert.Empty(h.Broker.GetPositions());
    }

    [Fact]
    public void AShortTakeProfitTriggersOnTheAskNotTheBid()
    {
        var h = new BrokerHarness();
        h.Quote("EURUSD", Times.MondayMorning, 1.10000, 1.10002);
        h.Sell("EURUSD", 1, takeProfit: 1.09950);
        h.QuoteAfter(1, "EURUSD", 1.10000, 1.10002);

        h.QuoteAfter(1_000, "EURUSD", 1.09948, 1.09951);
        Assert.Single(h.Broker.GetPositions());

        h.QuoteAfter(1_000, "EURUSD", 1.09947, 1.09950);
        PositionClosed closed = Assert.Single(h.Events.OfType<PositionClosed>());
        Assert.Equal((CloseReason.TakeProfit, 1.09950), (closed.Reason, closed.ClosePrice));
        Assert.Equal(50, closed.Profit, 6);
    }

    [Fact]
    public void AFallingMarketRaisesAMarginCallThenStopsOutTheMostLosingPositionFirst()
    {
        var h = new BrokerHarness(new BrokerSettings { InitialBalance = 1_000, Mode = AccountMode.Hedging });
        h.Quote("EURUSD", Times.MondayMorning, 1.10000, 1.10002);
        OrderResult early = h.Buy("EURUSD", 0.4);
        h.QuoteAfter(1, "EURUSD", 1.10000, 1.10002);
        h.QuoteAfter(1_000, "EURUSD", 1.10500, 1.10502);
        OrderResult late = h.Buy("EURUSD", 0.4);
        h.QuoteAfter(1, "EURUSD", 1.10500, 1.10502);
        Assert.True(h.Account.MarginLevel > 100);

        // Equity 1000 - 0.8 - 200.8 = 798.4 against margin 0.8 lots x 1000 EUR x 1.10001: about 91%.
        h.QuoteAfter(1_000, "EURUSD", 1.10000, 1.10002);
        MarginCallReached call = Assert.Single(h.Events.OfType<MarginCallReached>());
        Assert.Equal(798.4, call.Equity, 6);
        Assert.Empty(h.Events.OfType<StopOutTriggered>());

        // Equity 1000 - 200.8 - 400.8 = 398.4 against margin 876.008: 45.5%, below the 50% stop-out.
        h.QuoteAfter(1_000, "EURUSD", 1.09500, 1.09502);
        StopOutTriggered stopOut = Assert.Single(h.Events.OfType<StopOutTriggered>());
        Assert.Equal(late.PositionIdOrOrder(), stopOut.PositionId);
        Assert.Equal(398.4 / 876.008 * 100, stopOut.MarginLevel, 6);
        PositionClosed closed = Assert.Single(h.Events.OfType<PositionClosed>());
        Assert.Equal((CloseReason.StopOut, -400.8), (closed.Reason, Math.Round(closed.Profit, 6)));
        Assert.Equal(early.PositionIdOrOrder(), h.SinglePosition().Id);
        Assert.True(h.Account.MarginLevel > 50);
        Assert.Equal(599.2, h.Account.Balance, 6);
        Assert.Single(h.Events.OfType<MarginCallReached>());
    }

    [Fact]
    public void SwapIsBookedAtEachRolloverWithThreeNightsOnWednesday()
    {
        SymbolCatalog swaps = BrokerHarness.FreeOfCharges.With(SymbolCatalog.Defaults["EURUSD"] with { CommissionPerLot = 0 });
        var h = new BrokerHarness(symbols: swaps);
        h.Quote("EURUSD", Times.MondayMorning, 1.10000, 1.10002);
        h.Buy("EURUSD", 1);
        h.QuoteAfter(1, "EURUSD", 1.10000, 1.10002);

        foreach (long t in new[]
        {
            Times.Utc(2024, 3, 4, 21, 59), Times.Utc(2024, 3, 4, 22, 0, 30), Times.Utc(2024, 3, 5, 22, 0, 30),
            Times.Utc(2024, 3, 6, 22, 0, 30), Times.Utc(2024, 3, 7, 22, 0, 30), Times.Utc(2024, 3, 8, 21, 59),
            Times.Utc(2024, 3, 10, 22, 0, 30),
        })
        {
            h.Quote("EURUSD", t, 1.10000, 1.10002);
        }

        SwapCharged[] swapsCharged = [.. h.Events.OfType<SwapCharged>()];
        Assert.Equal([1, 1, 3, 1, 1], swapsCharged.Select(s => s.Nights));
        Assert.Equal(Times.Utc(2024, 3, 6, 22), swapsCharged[2].TimeMs);
        Assert.Equal(Times.Utc(2024, 3, 8, 22), swapsCharged[4].TimeMs);
        Assert.All(swapsCharged, s => Assert.Equal(-6.9 * s.Nights, s.Amount, 6));
        Assert.Equal(-48.3, h.SinglePosition().Swap, 6);
        Assert.Equal(10_000 - 48.3 - 2, h.Account.Equity, 6);

        h.Broker.ClosePosition(h.SinglePosition().Id, 1, "close");
        h.QuoteAfter(1, "EURUSD", 1.10000, 1.10002);
        Assert.Equal(-48.3, Assert.Single(h.Events.OfType<PositionClosed>()).Swap, 6);
        Assert.Equal(10_000 - 48.3 - 2, h.Account.Balance, 6);
    }
}
