using Releat.MarketData.Time;

namespace Releat.MarketData.Feeds;

/// <summary>
/// Drives a backtest: for each tick of the feed, moves the simulated clock to the tick's time, then hands the
/// tick to each listener in order (typically the broker first, then the strategy or feature engine).
/// </summary>
public sealed class TickReplay(ITickFeed feed, SimulatedClock clock)
{
    /// <summary>Replays until the feed ends or <paramref name="maxTicks"/> ticks; returns how many were replayed.</summary>
    public long Run(IReadOnlyList<ITickListener> listeners, long maxTicks = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(listeners);
        long replayed = 0;
        while (replayed < maxTicks && feed.TryRead(out SymbolTick next))
        {
            clock.AdvanceTo(next.Tick.TimeMs);
            for (int i = 0; i < listeners.Count; i++)
            {
                listeners[i].OnTick(next.Symbol, next.Tick);
            }

            replayed++;
        }

        return replayed;
    }
}
