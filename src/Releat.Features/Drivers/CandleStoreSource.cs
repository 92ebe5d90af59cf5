using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.MarketData.Time;

namespace Releat.Features.Drivers;

/// <summary>A symbol's candles of one timeframe in the <see cref="CandleStore"/>.</summary>
public sealed class CandleStoreSource(CandleStore store, string symbol, Timeframe timeframe) : ICandleSource
{
    private static readonly long[] LookBacks = [7 * UtcTime.MsPerDay, 35 * UtcTime.MsPerDay, 400 * UtcTime.MsPerDay];

    public string Symbol { get; } = symbol;

    public IReadOnlyList<Candle> Read(long fromMs, long toMs) => store.ReadAll(Symbol, timeframe, fromMs, toMs);

    public bool TryGetLastBefore(long timeMs, out Candle candle)
    {
        foreach (long lookBack in LookBacks)
        {
            Candle[] candles = store.ReadAll(Symbol, timeframe, timeMs - lookBack, timeMs);
            if (candles.Length > 0)
            {
                candle = candles[^1];
                return true;
            }
        }

        candle = default;
        return false;
    }
}
