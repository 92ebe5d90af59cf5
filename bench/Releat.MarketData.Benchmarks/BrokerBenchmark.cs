using System.Globalization;
using Releat.MarketData.Model;
using Releat.MarketData.Time;
using Releat.MarketData.Trading;

namespace Releat.MarketData.Benchmarks;

/// <summary>The simulated broker's cost per tick: idle, and holding positions with stops it must watch.</summary>
internal static class BrokerBenchmark
{
    public static void Run(Tick[] ticks, ResultTable table)
    {
        Warmup.Run(() => Replay(ticks[..300_000], positions: 4));
        foreach (int positions in new[] { 0, 4 })
        {
            (TimeSpan elapsed, long allocated, int events) = Replay(ticks, positions);
            table.Add(
                $"broker OnTick, {positions} positions",
                string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalNanoseconds / ticks.Length:F1} ns/tick"),
                string.Create(CultureInfo.InvariantCulture,
                    $"{ticks.Length / elapsed.TotalSeconds / 1e6:F1} M ticks/s, {allocated} bytes allocated, {events} events (swaps at rollovers)"));
        }
    }

    private static (TimeSpan Elapsed, long Allocated, int Events) Replay(Tick[] ticks, int positions)
    {
        var clock = new SimulatedClock(ticks[0].TimeMs);
        var broker = new SimulatedBroker(SymbolCatalog.Defaults, new BrokerSettings { InitialBalance = 1_000_000 }, clock);
        var recorder = new TradeEventRecorder();
        broker.Subscribe(recorder);
        broker.OnTick("EURUSD", ticks[0]);
        for (int i = 0; i < positions; i++)
        {
            broker.PlaceOrder(new OrderRequest
            {
                ClientOrderId = $"p{i}",
                Symbol = "EURUSD",
                Side = i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell,
                Volume = 1,
                StopLoss = i % 2 == 0 ? 0.5 : 2.0,
                TakeProfit = i % 2 == 0 ? 2.0 : 0.5,
            });
        }

        broker.OnTick("EURUSD", ticks[1]);
        recorder.Clear();
        (TimeSpan elapsed, long allocated) = Measure.Run(() =>
        {
            for (int i = 2; i < ticks.Length; i++)
            {
                clock.AdvanceTo(ticks[i].TimeMs);
                broker.OnTick("EURUSD", ticks[i]);
            }
        });

        if (broker.GetPositions().Count != positions)
        {
            throw new InvalidOperationException($"expected {positions} open positions, found {broker.GetPositions().Count}");
        }

        return (elapsed, allocated, recorder.Events.Count);
    }
}
