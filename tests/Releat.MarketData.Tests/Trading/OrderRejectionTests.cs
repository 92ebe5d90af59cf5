using Releat.MarketData.Calendar;
using Releat.MarketData.Trading;
using Releat.MarketData.Trading.Events;

namespace Releat.MarketData.Tests.Trading;

public sealed class OrderRejectionTests
{
    [Fact]
    public void SendingTheSameClientOrderIdTwiceOpensOnePosition()
    {
        var h = new BrokerHarness();
        h.Quote("EURUSD", Times.MondayMorning, 1.10000, 1.10002);
        OrderResult first = h.Buy("EURUSD", 1, id: "agent-step-42");
        OrderResult second = h.Buy("EURUSD", 1, id: "agent-step-42");
        h.QuoteAfter(1, "EURUSD", 1.10000, 1.10002);
        OrderResult third = h.Buy("EURUSD", 1, id: "agent-step-42");

        Assert.Equal(first, second);
        Assert.Equal((first.OrderId, OrderState.Filled, TradeRetcode.Done), (third.OrderId, third.State, third.RetCode));
        Assert.Equal(1.0, h.SinglePosition().Volume);
        Assert.Single(h.Events.OfType<OrderSubmitted>());
    }

    [Theory]
    [InlineData(2024, 3, 9, 12)]  // Saturday
    [InlineData(2024, 3, 10, 21)] // Sunday before the open
    public void OrdersAtTheWeekendAreMarketClosed(int y, int m, int d, int hour)
    {
        var h = new BrokerHarness();
        h.Quote("EURUSD", Times.Utc(2024, 3, 8, 21, 59), 1.10000, 1.10002);
        h.Clock.AdvanceTo(Times.Utc(y, m, d, hour));

        OrderResult result = h.Buy("EURUSD", 1);

        Assert.Equal((OrderState.Rejected, TradeRetcode.MarketClosed, 10018), (result.State, result.RetCode, (int)result.RetCode));
        Assert.Contains("EURUSD is closed", result.Reason, StringComparison.Ordinal);
        Assert.Equal(TradeRetcode.MarketClosed, Assert.Single(h.Events.OfType<OrderRejected>()).Code);
    }

    [Fact]
    public void AConfiguredHolidayIsMarketClosed()
    {
        var christmas = MarketHoliday.TradingDay(new DateOnly(2024, 12, 25), "Christmas", new TimeOnly(22, 0));
        var h = new BrokerHarness(new BrokerSettings { Holidays = [christmas] }, startMs: Times.Utc(2024, 12, 24, 21));
        h.Quote("EURUSD", Times.Utc(2024, 12, 24, 21), 1.10000, 1.10002);
        h.Clock.AdvanceTo(Times.Utc(2024, 12, 25, 10));

        Assert.Equal(TradeRetcode.MarketClosed, h.Buy("EURUSD", 1).RetCode);
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(0.015)]
    [InlineData(250)]
    [InlineData(double.NaN)]
    public void VolumesOutsideTheSpecAreInvalidVolume(double lots)
    {
        var h = new BrokerHarness();
        h.Quote("EURUSD", Times.MondayMorning, 1.10000, 1.10002);
        OrderResult result = h.Buy("EURUSD", lots);
        Assert.Equal((TradeRetcode.InvalidVolume, 10014), (result.RetCode, (int)result.RetCode));
        Assert.Contains("EURUSD", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void StopsOnTheWrongSideOfThePriceAreInvalidStops()
    {
        var h = new BrokerHarness();
        h.Quote("EURUSD", Times.MondayMorning, 1.10000, 1.10002);

        Assert.Equal(TradeRetcode.InvalidStops, h.Buy("EURUSD", 1, stopLoss: 1.10010).RetCode);
        Assert.Equal(TradeRetcode.InvalidStops, h.Buy("EURUSD", 1, takeProfit: 1.09990).RetCode);
        Assert.Equal(TradeRetcode.InvalidStops, h.Sell("EURUSD", 1, stopLoss: 1.09990).RetCode);
        Assert.Equal(TradeRetcode.Placed, h.Buy("EURUSD", 1, stopLoss: 1.09900, takeProfit: 1.10100).RetCode);
        Assert.Equal(10016, (int)TradeRetcode.InvalidStops);
    }

    [Fact]
    public void AnOrderNeedingMoreMarginThanIsFreeIsNoMoney()
    {
        var h = new BrokerHarness(new BrokerSettings { InitialBalance = 1_000 });
        h.Quote("EURUSD", Times.MondayMorning, 1.10000, 1.10002);

        OrderResult result = h.Buy("EURUSD", 1);

        Assert.Equal((TradeRetcode.NoMoney, 10019), (result.RetCode, (int)result.RetCode));
        Assert.Contains("margin 1100.01 needed, free margin is 1000.00", result.Reason, StringComparison.Ordinal);
        Assert.Equal(TradeRetcode.Placed, h.Buy("EURUSD", 0.5).RetCode);
    }

    [Fact]
    public void WithoutAQuoteThereIsNoPrice()
    {
        var h = new BrokerHarness();
        Assert.Equal(TradeRetcode.PriceOff, h.Buy("EURUSD", 1).RetCode);
        Assert.Equal(TradeRetcode.Invalid, h.Buy("XAUUSD", 1).RetCode);
    }

    [Fact]
    public void ClosingAPositionThatIsNotOpenOrForTooMuchIsRefused()
    {
        var h = new BrokerHarness();
        h.Quote("EURUSD", Times.MondayMorning, 1.10000, 1.10002);
        h.Buy("EURUSD", 1);
        h.QuoteAfter(1, "EURUSD", 1.10000, 1.10002);
        long id = h.SinglePosition().Id;

        Assert.Equal(TradeRetcode.PositionClosed, h.Broker.ClosePosition(999, 1, "c1").RetCode);
        Assert.Equal(TradeRetcode.InvalidCloseVolume, h.Broker.ClosePosition(id, 2, "c2").RetCode);
        Assert.Equal(TradeRetcode.Placed, h.Broker.ClosePosition(id, 1, "c3").RetCode);
    }

    [Fact]
    public void ModifyingStopsChecksThemAgainstTheMarket()
    {
        var h = new BrokerHarness();
        h.Quote("EURUSD", Times.MondayMorning, 1.10000, 1.10002);
        h.Buy("EURUSD", 1);
        h.QuoteAfter(1, "EURUSD", 1.10000, 1.10002);
        long id = h.SinglePosition().Id;

        Assert.Equal(TradeRetcode.InvalidStops, h.Broker.ModifyPosition(id, 1.10050, 0));
        Assert.Equal(TradeRetcode.Done, h.Broker.ModifyPosition(id, 1.09950, 1.10100));
        Assert.Equal(TradeRetcode.NoChanges, h.Broker.ModifyPosition(id, 1.09950, 1.10100));
        Assert.Equal(TradeRetcode.PositionClosed, h.Broker.ModifyPosition(12345, 1.09950, 0));
        Assert.Equal((1.09950, 1.10100), (h.SinglePosition().StopLoss, h.SinglePosition().TakeProfit));
        Assert.Single(h.Events.OfType<PositionModified>());
    }
}
