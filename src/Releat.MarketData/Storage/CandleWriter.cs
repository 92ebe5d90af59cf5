using Releat.MarketData.Model;

namespace Releat.MarketData.Storage;

/// <summary>Appends candles of one symbol and timeframe; opening times must strictly increase.</summary>
public sealed class CandleWriter : IDisposable
{
    private readonly SeriesWriter<CandleRecord> _series;

    internal CandleWriter(SeriesDirectory directory, Timeframe timeframe)
    {
        _series = new SeriesWriter<CandleRecord>(directory);
        Timeframe = timeframe;
    }

    public string Symbol => _series.Symbol;

    public Timeframe Timeframe { get; }

    public bool HasCandles => _series.HasLast;

    /// <summary>Opening time of the newest stored candle; long.MinValue when empty.</summary>
    public long LastTimeMs => _series.HasLast ? _series.Last.TimeMs : long.MinValue;

    public long AppendedCount => _series.AppendedCount;

    public long RecoveredTornRecords => _series.RecoveredTornRecords;

    public void Append(in Candle candle) => _series.Append(CandleRecord.Seal(candle));

    public void Flush(bool durable = false) => _series.Flush(durable);

    public void Dispose() => _series.Dispose();
}
