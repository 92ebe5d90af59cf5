using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.MarketData.Synthetic;

namespace Releat.MarketData.Feeds;

/// <summary>
/// Stored candles replayed as ticks (four per candle, see <see cref="CandleTickPath"/>) for symbols that have no
/// tick history.
/// </summary>
public sealed class CandleTickFeed : ITickFeed
{
    private readonly CandleRangeReader _reader;
    private readonly SymbolSpec _symbol;
    private readonly Timeframe _timeframe;
    private readonly PriceSide _side;
    private readonly double _defaultSpreadPoints;
    private readonly Candle[] _candle = new Candle[1];
    private readonly Tick[] _ticks = new Tick[CandleTickPath.TicksPerCandle];
    private int _position = CandleTickPath.TicksPerCandle;

    public CandleTickFeed(
        CandleStore store,
        SymbolSpec symbol,
        Timeframe timeframe,
        PriceSide side,
        double defaultSpreadPoints,
        long fromMs = long.MinValue,
        long toMs = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(symbol);
        _reader = store.OpenReader(symbol.Name, timeframe, fromMs, toMs);
        _symbol = symbol;
        _timeframe = timeframe;
        _side = side;
        _defaultSpreadPoints = defaultSpreadPoints;
    }

    public bool TryRead(out SymbolTick tick)
    {
        if (_position == _ticks.Length)
        {
            if (_reader.Read(_candle) == 0)
            {
                tick = default;
                return false;
            }

            CandleTickPath.Expand(_candle[0], _timeframe, _side, _symbol, _defaultSpreadPoints, _ticks);
            _position = 0;
        }

        tick = new SymbolTick(_symbol.Name, _ticks[_position++]);
        return true;
    }

    public void Dispose() => _reader.Dispose();
}
