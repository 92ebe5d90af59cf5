using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.MarketData.Synthetic;

namespace Releat.Testing;

/// <summary>Seeded synthetic EURUSD ticks from MarketData's generator: in memory, or written to a RELEAT_HOME's tick store.</summary>
public static class SyntheticTickSeries
{
    /// <summary>The generator's ticks in [<paramref name="fromMs"/>, <paramref name="toMs"/>) (UTC ms), in time order.</summary>
    public static IEnumerable<Tick> Between(ulong seed, long fromMs, long toMs, double momentumStrength = 0)
    {
        var generator = new SyntheticTickGenerator(new SyntheticMarketOptions { Seed = seed, StartMs = fromMs, MomentumStrength = momentumStrength });
        for (Tick tick = generator.Next(); tick.TimeMs < toMs; tick = generator.Next())
        {
            yield return tick;
        }
    }

    public static Tick[] Generate(ulong seed, long fromMs, long toMs, double momentumStrength = 0) =>
        [.. Between(seed, fromMs, toMs, momentumStrength)];

    /// <summary>Appends the ticks to <paramref name="home"/>'s EURUSD tick store; returns how many.</summary>
    public static long WriteToStore(string home, ulong seed, long fromMs, long toMs, double momentumStrength = 0)
    {
        long count = 0;
        using TickWriter writer = new TickStore(home).OpenWriter("EURUSD");
        foreach (Tick tick in Between(seed, fromMs, toMs, momentumStrength))
        {
            writer.Append(tick);
            count++;
        }

        writer.Flush();
        return count;
    }
}
