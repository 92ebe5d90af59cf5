using Releat.MarketData.Model;
using Releat.MarketData.Trading;
using Releat.MarketData.Trading.Events;
using Releat.Testing;

namespace Releat.MarketData.Tests.Trading;

public sealed class AccountModeTests
{
    [Fact]
    public void NettingKeepsOnePositionThatGrowsShrinksAndReverses()
    {
        var h = new BrokerHarness(new BrokerSettings { Mode = AccountMode.Netting });
        h.Quote("EURUSD", Times.MondayMorning, 1.10000, 1.10002);
        h.Buy("EURUSD", 1);
        h.QuoteAfter(1, "EURUSD", 1.10000, 1.10002);
        h.Buy("EURUSD", 0.5);
        h.QuoteAfter(1, "EURUSD", 1.10010, 1.10012);

        Position net = h.SinglePosition();
        Assert.Equal(1.5, net.Volume);
        Assert.Equal(((1 * 1.10002) + (0.5 * 1.10012)) / 1.5, net.OpenPrice, 10);

        h.Sell("EURUSD", 2);
        h.QuoteAfter(1, "EURUSD", 1.10020, 1.10022);

        Position reversed = h.SinglePosition();
        Assert.Equal((OrderSide.Sell, 0.5, 1.10020), (reversed.Side, reversed.Volume, reversed.OpenPrice));
        Assert.Equal(net.Id, reversed.Id); // MT5 keeps the identifier through a reversal
        PositionClosed closed = Assert.Single(h.Events.OfType<PositionClosed>());
        Assert.Equal((net.Id, 1.5, 0.0), (closed.PositionId, closed.ClosedVolume, closed.RemainingVolume));
        Assert.Equal((1.10020 - net.OpenPrice) * 150_000, closed.Profit, 6);
        Assert.Equal(2, h.Events.OfType<PositionOpened>().Count());
    }

    [Fact]
    public void HedgingKeepsOppositePositionsApartAndClosesThemByIdInParts()
    {
        var h = new BrokerHarness(new BrokerSettings { Mode = AccountMode.Hedging });
        h.Quote("EURUSD", Times.MondayMorning, 1.10000, 1.10002);
        h.Buy("EURUSD", 1);
        h.Sell("EURUSD", 1);
        h.QuoteAfter(1, "EURUSD", 1.10000, 1.10002);
        Assert.Equal([OrderSide.Buy, OrderSide.Sell], h.Broker.GetPositions().Select(p => p.Side));

        long longId = h.Broker.GetPositions()[0].Id;
        h.Broker.ClosePosition(longId, 0.4, "part");
        h.QuoteAfter(1, "EURUSD", 1.10010, 1.10012);

        Assert.True(h.Broker.TryGetPosition(longId, out Position remaining));
        Assert.Equal(0.6, remaining.Volume);
        PositionClosed part = Assert.Single(h.Events.OfType<PositionClosed>());
        Assert.Equal((0.4, 0.6, false), (part.ClosedVolume, part.RemainingVolume, part.IsFullyClosed));
        Assert.Equal((1.10010 - 1.10002) * 40_000, part.Profit, 6);
        Assert.Equal(2, h.Broker.GetPositions().Count);
    }

    [Fact]
    public void AQuietTickAllocatesNothingWithOrWithoutAnOpenPosition()
    {
        var h = new BrokerHarness();
        var tick = new Tick(Times.MondayMorning, 1.10000, 1.10002);
        h.Broker.OnTick("EURUSD", tick);
        long ms = tick.TimeMs;
        void QuietTicks()
        {
            for (int i = 0; i < 1000; i++)
            {
                h.Broker.OnTick("EURUSD", tick with { TimeMs = ++ms });
            }
        }

        Assert.Equal(0, SteadyAllocation.BytesPerWindow(QuietTicks));

        h.Clock.AdvanceTo(++ms);
        h.Buy("EURUSD", 1, stopLoss: 1.09, takeProfit: 1.2);
        h.Broker.OnTick("EURUSD", tick with { TimeMs = ++ms });
        Assert.Single(h.Broker.GetPositions());
        Assert.Equal(0, SteadyAllocation.BytesPerWindow(QuietTicks));
        Assert.Single(h.Broker.GetPositions());
    }
}
