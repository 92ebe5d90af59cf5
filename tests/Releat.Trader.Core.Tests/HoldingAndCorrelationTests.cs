using Releat.SignalBus.InMemory;
using Releat.Trader.Core.Journal;

namespace Releat.Trader.Core.Tests;

/// <summary>What the trader gives back to the live path: the holding the signal service decides with, and the correlation id on orders.</summary>
public sealed class HoldingAndCorrelationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Trader_posts_each_agents_holding_after_acting_and_orders_carry_the_signals_correlation_id()
    {
        await using var bus = new InMemorySignalBus();
        using var trader = new TraderHarness();
        await trader.StartAsync();
        await using var running = RunningTrader.Start(trader, bus);

        // Flat at start: the holding is posted before any signal.
        var flat = await WaitForHoldingAsync(bus, h => h.Units == 0);
        Assert.Equal("EURUSD", flat.Symbol);
        Assert.Null(flat.OpenTime);

        var open = TradeSignals.Nth(1, TradeSignals.OpenLong2);
        open.CorrelationId = "EURUSD@1704704413003";
        trader.Market.Advance(TradeSignals.TimeOf(1) + 50);
        await bus.PublishAsync(open);
        var held = await WaitForHoldingAsync(bus, h => h.Units == 2);
        Assert.Equal(0.02, held.Lots, 9);
        Assert.Equal(trader.Broker.Price, held.OpenPrice, 9);

        var close = TradeSignals.Nth(2, TradeSignals.CloseLong1, assumedLots: 0.02);
        close.CorrelationId = "EURUSD@1704704423001";
        trader.Market.Advance(TradeSignals.TimeOf(2) + 50);
        await bus.PublishAsync(close);
        var reduced = await WaitForHoldingAsync(bus, h => h.Units == 1);
        Assert.Equal(0.01, reduced.Lots, 9);

        Assert.Equal(["EURUSD@1704704413003", "EURUSD@1704704423001"], trader.Broker.Correlations);
        var journaled = TradeJournalReader.Read(trader.JournalPath).Entries.Where(e => e.Kind == JournalKinds.Intent).Select(e => e.Correlation);
        Assert.Equal(["EURUSD@1704704413003", "EURUSD@1704704423001"], journaled);
    }

    private static async Task<Contracts.V1.TraderHolding> WaitForHoldingAsync(InMemorySignalBus bus, Func<Contracts.V1.TraderHolding, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await bus.ReadHoldingAsync("t1") is { } holding && condition(holding))
            {
                return holding;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("the trader did not post the expected holding");
    }
}
