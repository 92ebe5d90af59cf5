using Releat.MarketData.Model;
using Releat.MarketData.Synthetic;
using Releat.MarketData.Time;

namespace Releat.Features.Tests;

/// <summary>Seeded EURUSD ticks from MarketData's synthetic generator, cached per (seed, range) for the test run.</summary>
internal static class SyntheticTicks
{
    private static readonly Dictionary<(ulong, long, long), Tick[]> Cache = [];

    public static long Start { get; } = UtcTime.FromDate(new DateOnly(2020, 1, 6));

    public static Tick[] Generate(ulong seed, long fromMs, long toMs)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue((seed, fromMs, toMs), out Tick[]? cached))
            {
                return cached;
            }

            var generator = new SyntheticTickGenerator(new SyntheticMarketOptions { Seed = seed, StartMs = fromMs });
            var ticks = new List<Tick>();
            while (true)
            {
                Tick tick = generator.Next();
                if (tick.TimeMs >= toMs)
                {
                    break;
                }

                ticks.Add(tick);
            }

            Tick[] result = [.. ticks];
            Cache[(seed, fromMs, toMs)] = result;
            return result;
        }
    }
}
