using Releat.MarketData.Model;
using Releat.MarketData.Storage;

namespace Releat.MarketData.Feeds;

/// <summary>Ticks of one symbol from the store, [from, to), read in batches into a reused buffer.</summary>
public sealed class StoreTickFeed : ITickFeed
{
    private readonly TickRangeReader _reader;
    private readonly string _symbol;
    private readonly Tick[] _buffer = new Tick[4096];
    private int _position;
    private int _count;

    public StoreTickFeed(TickStore store, string symbol, long fromMs = long.MinValue, long toMs = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(store);
        _symbol = symbol;
        _reader = store.OpenReader(symbol, fromMs, toMs);
    }

    public bool TryRead(out SymbolTick tick)
    {
        if (_position == _count)
        {
            _count = _reader.Read(_buffer);
            _position = 0;
            if (_count == 0)
            {
                tick = default;
                return false;
            }
        }

        tick = new SymbolTick(_symbol, _buffer[_position++]);
        return true;
    }

    public void Dispose() => _reader.Dispose();
}
