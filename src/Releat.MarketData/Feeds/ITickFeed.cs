namespace Releat.MarketData.Feeds;

/// <summary>
/// A source of ticks in time order: the store, the generator, candles expanded to ticks, or several merged.
/// Backtests and live differ only in which feed (and which broker) is plugged in.
/// </summary>
public interface ITickFeed : IDisposable
{
    /// <summary>The next tick; false when the feed is exhausted.</summary>
    bool TryRead(out SymbolTick tick);
}
