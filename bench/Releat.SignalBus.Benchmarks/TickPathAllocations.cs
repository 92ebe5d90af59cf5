using System.Diagnostics;
using Releat.MarketData.Model;
using Releat.MarketData.Time;
using Releat.Trader.Core.Market;

namespace Releat.SignalBus.Benchmarks;

/// <summary>The trader's per-tick work (market clock, last quote, volatility estimate): time per tick and bytes allocated per tick.</summary>
internal static class TickPathAllocations
{
    public static (double NanosPerTick, double BytesPerTick) Measure(int ticks)
    {
        var market = new MarketWatch();
        var quotes = new Tick[4096];
        long time = UtcTime.FromParts(2024, 1, 8, 0, 0, 0, 0);
        var random = new Random(1);
        double mid = 1.1;
        for (int i = 0; i < quotes.Length; i++)
        {
            mid *= 1 + ((random.NextDouble() - 0.5) * 1e-4);
            quotes[i] = new Tick(time + (i * 250L), mid - 0.00005, mid + 0.00005);
        }

        // Warm up (JIT tiers, first-symbol allocation), then measure on the same thread.
        Run(market, quotes, 200_000, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        Run(market, quotes, ticks, 1_000_000_000L);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        return (seconds * 1e9 / ticks, (double)bytes / ticks);
    }

    private static void Run(MarketWatch market, Tick[] quotes, int ticks, long offset)
    {
        for (int i = 0; i < ticks; i++)
        {
            var quote = quotes[i & (quotes.Length - 1)];
            market.OnTick("EURUSD", quote with { TimeMs = quote.TimeMs + offset + (i / quotes.Length * 1_024_000L) });
        }
    }
}
