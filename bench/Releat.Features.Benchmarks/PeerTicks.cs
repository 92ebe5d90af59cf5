using Releat.MarketData.Model;

namespace Releat.Features.Benchmarks;

/// <summary>
/// Ticks of the kind bars_pandas.py makes, from our own seeded generator: exponential gaps of 0.5 s on average,
/// a Gaussian random-walk mid (step sd 2e-5) from 1.1, a spread of 1 to 5 points, flags 2, 4 or 6 (bid only,
/// ask only, both). Quotes are rounded to whole points as a real feed's are. No calendar, like the peer's.
/// </summary>
internal static class PeerTicks
{
    public static Tick[] Generate(int count, long startMs, int seed)
    {
        var random = new Random(seed);
        var ticks = new Tick[count];
        double seconds = 0;
        double mid = 1.1;
        TickFlags[] flags = [TickFlags.Bid, TickFlags.Ask, TickFlags.Bid | TickFlags.Ask];
        for (int i = 0; i < count; i++)
        {
            seconds += -0.5 * Math.Log(1 - random.NextDouble());
            mid += 2e-5 * Gaussian(random);
            double spread = 1e-5 * (1 + random.Next(5));
            double bid = Math.Round(mid - (spread / 2), 5);
            double ask = Math.Round(bid + spread, 5);
            ticks[i] = new Tick(startMs + (long)(seconds * 1000), bid, ask, 0, 0, flags[random.Next(3)]);
        }

        return ticks;
    }

    private static double Gaussian(Random random)
    {
        double u = 1 - random.NextDouble();
        double v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
