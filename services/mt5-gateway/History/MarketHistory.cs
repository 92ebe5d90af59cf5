using Releat.MarketData.Model;
using Releat.MarketData.Storage;

namespace Releat.Mt5Gateway.History;

/// <summary>
/// Stored ticks and candles for ranged requests. Candles come from the candle store when it has the series, and
/// are otherwise built from stored ticks (bid prices, as MT5 charts them), so a tick-only store still answers.
/// </summary>
public sealed class MarketHistory(TickStore ticks, CandleStore candles)
{
    private const int BatchSize = 4096;

    /// <summary>Ticks of [fromMs, toMs) in batches copied into <paramref name="buffer"/>; the store stays mapped meanwhile.</summary>
    public IEnumerable<ReadOnlyMemory<Tick>> ReadTicks(string symbol, long fromMs, long toMs, Tick[] buffer)
    {
        using var reader = ticks.OpenReader(symbol, fromMs, toMs);
        int count;
        while ((count = reader.Read(buffer)) > 0)
        {
            yield return buffer.AsMemory(0, count);
        }
    }

    public static Tick[] NewTickBuffer() => new Tick[BatchSize];

    public IEnumerable<Candle> ReadCandles(string symbol, Timeframe timeframe, long fromMs, long toMs)
    {
        var stored = candles.ReadAll(symbol, timeframe, fromMs, toMs);
        return stored.Length > 0 ? stored : BuildFromTicks(symbol, timeframe, fromMs, toMs);
    }

    private IEnumerable<Candle> BuildFromTicks(string symbol, Timeframe timeframe, long fromMs, long toMs)
    {
        var start = timeframe.Floor(Math.Max(fromMs, 0));
        Candle? open = null;
        var buffer = NewTickBuffer();
        foreach (var batch in ReadTicks(symbol, start, toMs, buffer))
        {
            for (var i = 0; i < batch.Length; i++)
            {
                var tick = batch.Span[i];
                var candleTime = timeframe.Floor(tick.TimeMs);
                if (open is { } current && current.TimeMs == candleTime)
                {
                    open = current with
                    {
                        High = Math.Max(current.High, tick.Bid),
                        Low = Math.Min(current.Low, tick.Bid),
                        Close = tick.Bid,
                        TickVolume = current.TickVolume + 1,
                        Volume = current.Volume + tick.Volume,
                    };
                    continue;
                }

                if (open is { } finished && finished.TimeMs >= fromMs)
                {
                    yield return finished;
                }

                open = new Candle(candleTime, tick.Bid, tick.Bid, tick.Bid, tick.Bid, 1, tick.Volume, 0);
            }
        }

        if (open is { } last && last.TimeMs >= fromMs)
        {
            yield return last;
        }
    }
}
