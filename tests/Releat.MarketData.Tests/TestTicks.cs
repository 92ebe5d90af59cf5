using Releat.MarketData.Model;

namespace Releat.MarketData.Tests;

/// <summary>Simple tick sequences for store and feed tests.</summary>
internal static class TestTicks
{
    /// <summary><paramref name="count"/> EURUSD-like ticks, <paramref name="stepMs"/> apart, prices walking by a point.</summary>
    public static Tick[] Sequence(int count, long startMs, long stepMs = 250)
    {
        var ticks = new Tick[count];
        for (int i = 0; i < count; i++)
        {
            double bid = Math.Round(1.10000 + ((i % 50) * 0.00001), 5);
            ticks[i] = new Tick(startMs + (i * stepMs), bid, Math.Round(bid + 0.00002, 5));
        }

        return ticks;
    }
}
