using Releat.MarketData.Model;

namespace Releat.MarketData.Storage;

/// <summary>
/// Candles on disk in the same container format as ticks, one folder per symbol and timeframe:
/// <c>&lt;root&gt;/candles/&lt;SYMBOL&gt;/&lt;TF&gt;/&lt;yyyy-MM&gt;.candles</c>. Candles are stored as candles (nothing is
/// invented on disk); <see cref="CandleTickPath"/> turns them into synthetic ticks when the engine needs ticks.
/// </summary>
public sealed class CandleStore
{
    public CandleStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = root;
    }

    public string Root { get; }

    public CandleWriter OpenWriter(string symbol, Timeframe timeframe) =>
        new(SeriesDirectory.ForCandles(Root, symbol, timeframe), timeframe);

    public CandleRangeReader OpenReader(
        string symbol, Timeframe timeframe, long fromMs = long.MinValue, long toMs = long.MaxValue) =>
        new(SeriesDirectory.ForCandles(Root, symbol, timeframe), fromMs, toMs);

    public Candle[] ReadAll(string symbol, Timeframe timeframe, long fromMs = long.MinValue, long toMs = long.MaxValue)
    {
        using CandleRangeReader reader = OpenReader(symbol, timeframe, fromMs, toMs);
        var candles = new List<Candle>();
        while (reader.TryReadChunk(out ReadOnlySpan<CandleRecord> chunk))
        {
            foreach (ref readonly CandleRecord record in chunk)
            {
                candles.Add(record.Candle);
            }
        }

        return [.. candles];
    }
}
