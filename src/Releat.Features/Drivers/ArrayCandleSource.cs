using Releat.MarketData.Model;
using Releat.MarketData.Time;

namespace Releat.Features.Drivers;

/// <summary>Candles held in memory, in time order.</summary>
public sealed class ArrayCandleSource : ICandleSource
{
    private readonly Candle[] _candles;

    public ArrayCandleSource(string symbol, Candle[] candles)
    {
        ArgumentNullException.ThrowIfNull(candles);
        for (int i = 1; i < candles.Length; i++)
        {
            if (candles[i].TimeMs <= candles[i - 1].TimeMs)
            {
                throw new ArgumentException($"{symbol} candles are out of order at index {i} ({UtcTime.Format(candles[i].TimeMs)})", nameof(candles));
            }
        }

        Symbol = symbol;
        _candles = candles;
    }

    public string Symbol { get; }

    public IReadOnlyList<Candle> Read(long fromMs, long toMs)
    {
        int from = LowerBound(fromMs);
        return new ArraySegment<Candle>(_candles, from, Math.Max(from, LowerBound(toMs)) - from);
    }

    public bool TryGetLastBefore(long timeMs, out Candle candle)
    {
        int index = LowerBound(timeMs) - 1;
        candle = index >= 0 ? _candles[index] : default;
        return index >= 0;
    }

    private int LowerBound(long timeMs)
    {
        int lo = 0;
        int hi = _candles.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_candles[mid].TimeMs < timeMs)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
