using Releat.MarketData.Trading;
using Releat.MarketData.Trading.Events;

namespace Releat.MarketData.Tests.Trading;

public sealed class OrderFillTests
{
    [Fact]
    public void ABuyFillsAtTheAskOfTheFirstTickAfterTheLatency()
    {
        var h = new BrokerHarness(new BrokerSettings { LatencyMs = 300 });
        long t0 = Times.MondayMorning;
        h.Quote("EURUSD", t0, 1.10000, 1.10002);

        OrderResult sent = h.Buy("EURUSD", 1);
        Assert.Equal((OrderState.Submitted, TradeRetcode.Placed), (sent.State, sent.RetCode));

        h.Quote("EURUSD", t0 + 100, 1.10001, 1.10003);
        Assert.Empty(h.Broker.GetPositions());

        h.Quote("EURUSD", t0 + 350, 1.10004, 1.10006);
        Position position = h.SinglePosition();
        Assert.Equal((OrderSide.Buy, 1.0, 1.10006, t0 + 350), (position.Side, position.Volume, position.OpenPrice, position.OpenTimeMs));
        Assert.True(h.Broker.TryGetOrder(sent.ClientOrderId, out OrderResult filled));
        Assert.Equal((OrderState.Filled, TradeRetcode.Done, 1.10006), (filled.State, filled.RetCode, filled.AverageFillPrice));
        Assert.Equal(
            [typeof(OrderSubmitted), typeof(PositionOpened), typeof(OrderFilled)],
            h.Events.Events.Select(e => e.GetType()));
        Assert.Equal(t0 + 300, h.Events.OfType<OrderSubmitted>().Single().ArrivalMs);
    }

    [Fact]
    public void ASellFillsAtTheBidOfTheNextTickNotTheCurrentOne()
    {
        var h = new BrokerHarness();
        h.Quote("EURUSD", Times.MondayMorning, 1.10000, 1.10002);
        h.Sell("EURUSD", 0.5);
        Assert.Empty(h.Broker.GetPositions());

        h.QuoteAfter(1, "EURUSD", 1.09990, 1.09992);
        Assert.Equal((OrderSide.Sell, 0.5, 1.09990), (h.SinglePosition().Side, h.SinglePosition().Volume, h.SinglePosition().OpenPrice));
    }

    [Fact]
    public void FixedSlippageMakesFillsWorseByThatManyPoints()
    {
        var h = new BrokerHarness(new BrokerSettings { Slippage = SlippageModel.Fixed(3), Mode = AccountMode.Hedging });
        h.Quote("EURUSD", Times.MondayMorning, 1.10000, 1.10002);
        h.Buy("EURUSD", 1);
        h.Sell("EURUSD", 1);
        h.QuoteAfter(1, "EURUSD", 1.10000, 1.10002);

        Assert.Equal([1.10005, 1.09997], h.Broker.GetPositions().Select(p => p.OpenPrice));
    }

    [Fact]
    public void RandomSlippageIsSeededAndBounded()
    {
        double[] Fills(ulong seed)
        {
            var h = new BrokerHarness(new BrokerSettings { Slippage = SlippageModel.UpTo(4, seed) });
            h.Quote("EURUSD", Times.MondayMorning, 1.10000, 1.10002);
            for (int i = 0; i < 40; i++)
            {
                h.Buy("EURUSD", 0.01);
                h.QuoteAfter(1, "EURUSD", 1.10000, 1.10002);
            }

            return [.. h.Events.OfType<OrderFilled>().Select(f => f.FillPrice)];
        }

        double[] first = Fills(11);
        Assert.Equal(first, Fills(11));
        Assert.NotEqual(first, Fills(12));
        Assert.All(first, p => Assert.InRange(p, 1.10002, 1.10006));
        Assert.True(first.Distinct().Count() >= 4);
    }

    [Fact]
    public void RandomSlippageBelongsToTheOrderNotToHowManyOrdersCameBefore()
    {
        // The same order (client order id) must slip the same in a backtest, a paper replay and the training
        // environment, though each sends different orders around it: the draw is keyed by the order, not a stream.
        double FillOf(string id, params string[] sentBefore)
        {
            var h = new BrokerHarness(new BrokerSettings { Slippage = SlippageModel.UpTo(20, seed: 7) });
            h.Quote("EURUSD", Times.MondayMorning, 1.10000, 1.10002);
            foreach (string earlier in sentBefore)
            {
                h.Buy("EURUSD", 0.01, id: earlier);
                h.QuoteAfter(1, "EURUSD", 1.10000, 1.10002);
            }

            h.Buy("EURUSD", 0.01, id: id);
            h.QuoteAfter(1, "EURUSD", 1.10000, 1.10002);
            return h.Events.OfType<OrderFilled>().Single(f => f.ClientOrderId == id).FillPrice;
        }

        string[] ids = [.. Enumerable.Range(0, 12).Select(i => $"t00001-{1704708000 + (i * 60)}-0")];
        double[] alone = [.. ids.Select(id => FillOf(id))];
        double[] afterOthers = [.. ids.Select(id => FillOf(id, "x-1", "x-2", "x-3"))];

        Assert.Equal(alone, afterOthers);
        Assert.True(alone.Distinct().Count() >= 4, "twelve orders should not all slip alike");
    }

    [Fact]
    public void AFillTooFarFromTheRequestedPriceIsARequote()
    {
        var h = new BrokerHarness();
        h.Quote("EURUSD", Times.MondayMorning, 1.10000, 1.10002);
        OrderResult sent = h.Broker.PlaceOrder(new OrderRequest
        {
            ClientOrderId = "rq",
            Symbol = "EURUSD",
            Side = OrderSide.Buy,
            Volume = 1,
            RequestedPrice = 1.10002,
            DeviationPoints = 5,
        });
        h.QuoteAfter(1, "EURUSD", 1.10008, 1.10010);

        OrderRejected rejected = Assert.Single(h.Events.OfType<OrderRejected>());
        Assert.Equal((sent.OrderId, TradeRetcode.Requote, 10004), (rejected.OrderId, rejected.Code, (int)rejected.Code));
        Assert.Empty(h.Broker.GetPositions());
    }

    [Fact]
    public void ALargeOrderFillsPartiallyOverSeveralTicks()
    {
        var h = new BrokerHarness(new BrokerSettings { MaxVolumePerFill = 0.5 });
        h.Quote("EURUSD", Times.MondayMorning, 1.10000, 1.10002);
        OrderResult sent = h.Buy("EURUSD", 1.2);
        h.QuoteAfter(1, "EURUSD", 1.10000, 1.10002);
        Assert.True(h.Broker.TryGetOrder(sent.ClientOrderId, out OrderResult partial));
        Assert.Equal((OrderState.PartiallyFilled, TradeRetcode.DonePartial, 0.5), (partial.State, partial.RetCode, partial.FilledVolume));

        h.QuoteAfter(1, "EURUSD", 1.10010, 1.10012);
        h.QuoteAfter(1, "EURUSD", 1.10020, 1.10022);

        Assert.Equal([0.5, 0.5], h.Events.OfType<OrderPartiallyFilled>().Select(e => e.FillVolume));
        OrderFilled done = Assert.Single(h.Events.OfType<OrderFilled>());
        Assert.Equal((0.2, 1.2), (done.FillVolume, done.FilledVolume));
        double average = ((0.5 * 1.10002) + (0.5 * 1.10012) + (0.2 * 1.10022)) / 1.2;
        Assert.Equal(average, done.AverageFillPrice, 10);
        Position position = h.SinglePosition();
        Assert.Equal((1.2, sent.OrderId), (position.Volume, position.Id));
        Assert.Equal(average, position.OpenPrice, 10);
        Assert.Equal(2, h.Events.OfType<PositionIncreased>().Count());
    }
}
