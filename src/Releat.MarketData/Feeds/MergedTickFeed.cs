namespace Releat.MarketData.Feeds;

/// <summary>
/// Several feeds merged into one time-ordered stream (a multi-symbol backtest). Ticks at the same millisecond
/// come in the order the feeds were given.
/// </summary>
public sealed class MergedTickFeed : ITickFeed
{
    private readonly ITickFeed[] _feeds;
    private readonly SymbolTick[] _heads;
    private readonly bool[] _hasHead;

    public MergedTickFeed(IEnumerable<ITickFeed> feeds)
    {
        ArgumentNullException.ThrowIfNull(feeds);
        _feeds = [.. feeds];
        _heads = new SymbolTick[_feeds.Length];
        _hasHead = new bool[_feeds.Length];
        for (int i = 0; i < _feeds.Length; i++)
        {
            _hasHead[i] = _feeds[i].TryRead(out _heads[i]);
        }
    }

    public bool TryRead(out SymbolTick tick)
    {
        int best = -1;
        for (int i = 0; i < _feeds.Length; i++)
        {
            if (_hasHead[i] && (best < 0 || _heads[i].Tick.TimeMs < _heads[best].Tick.TimeMs))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            tick = default;
            return false;
        }

        tick = _heads[best];
        _hasHead[best] = _feeds[best].TryRead(out _heads[best]);
        return true;
    }

    public void Dispose()
    {
        foreach (ITickFeed feed in _feeds)
        {
            feed.Dispose();
        }
    }
}
