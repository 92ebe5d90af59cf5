using Releat.MarketData.Feeds;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.MarketData.Synthetic;
using Releat.MarketData.Time;
using Releat.MarketData.Trading;

namespace Releat.MarketData.Tests.Feeds;

public sealed class FeedTests : IDisposable
{
    private readonly TemporaryDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void MergedFeedsComeOutInTimeOrder()
    {
        var store = new TickStore(_root.Path);
        Write(store, "EURUSD", TestTicks.Sequence(500, Times.MondayMorning, stepMs: 300));
        Write(store, "GBPUSD", TestTicks.Sequence(700, Times.MondayMorning + 7, stepMs: 200));

        using var merged = new MergedTickFeed([new StoreTickFeed(store, "EURUSD"), new StoreTickFeed(store, "GBPUSD")]);
        var seen = new List<SymbolTick>();
        while (merged.TryRead(out SymbolTick tick))
        {
            seen.Add(tick);
        }

        Assert.Equal(1_200, seen.Count);
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First.Tick.TimeMs <= p.Second.Tick.TimeMs));
        Assert.Equal(500, seen.Count(t => t.Symbol == "EURUSD"));
    }

    [Fact]
    public void CandlesReplayAsFourTicksEach()
    {
        var candles = new CandleStore(_root.Path);
        using (CandleWriter writer = candles.OpenWriter("EURUSD", Timeframe.M1))
        {
            writer.Append(new Candle(Times.MondayMorning, 1.1, 1.1010, 1.0990, 1.1005, 10, 0, 2));
            writer.Append(new Candle(Times.MondayMorning + 60_000, 1.1005, 1.1008, 1.1001, 1.1002, 10, 0, 0));
        }

        using var feed = new CandleTickFeed(candles, SymbolCatalog.Defaults["EURUSD"], Timeframe.M1, PriceSide.Bid, defaultSpreadPoints: 5);
        var ticks = new List<Tick>();
        while (feed.TryRead(out SymbolTick tick))
        {
            ticks.Add(tick.Tick);
        }

        Assert.Equal([1.1, 1.0990, 1.1010, 1.1005, 1.1005, 1.1008, 1.1001, 1.1002], ticks.Select(t => t.Bid));
        Assert.Equal(0.00002, ticks[0].Spread, 10);
        Assert.Equal(0.00005, ticks[^1].Spread, 10);
    }

    [Fact]
    public void AReplayMovesTheClockAndDrivesTheBrokerThenTheStrategy()
    {
        var clock = new SimulatedClock();
        var broker = new SimulatedBroker(SymbolCatalog.Defaults, new BrokerSettings(), clock);
        var strategy = new BuyOnceStrategy(broker, clock);
        var generator = new SyntheticTickGenerator(new SyntheticMarketOptions { Seed = 3, StartMs = Times.MondayMorning });
        using var feed = new SyntheticTickFeed(generator, Times.MondayMorning + UtcTime.MsPerHour);

        long replayed = new TickReplay(feed, clock).Run([broker, strategy]);

        Assert.InRange(replayed, 5_000, 30_000);
        Assert.InRange(clock.UtcNowMs, Times.MondayMorning + UtcTime.MsPerHour - 60_000, Times.MondayMorning + UtcTime.MsPerHour - 1);
        Position position = Assert.Single(broker.GetPositions());
        Assert.Equal((strategy.SecondTick.TimeMs, strategy.SecondTick.Ask), (position.OpenTimeMs, position.OpenPrice));
    }

    private static void Write(TickStore store, string symbol, Tick[] ticks)
    {
        using TickWriter writer = store.OpenWriter(symbol);
        foreach (Tick tick in ticks)
        {
            writer.Append(tick);
        }
    }

    private sealed class BuyOnceStrategy(IBrokerage broker, IClock clock) : ITickListener
    {
        private int _seen;

        public Tick SecondTick { get; private set; }

        public void OnTick(string symbol, in Tick tick)
        {
            Assert.Equal(tick.TimeMs, clock.UtcNowMs);
            if (++_seen == 1)
            {
                broker.PlaceOrder(new OrderRequest { ClientOrderId = "once", Symbol = symbol, Side = OrderSide.Buy, Volume = 0.1 });
            }
            else if (_seen == 2)
            {
                SecondTick = tick;
            }
        }
    }
}
