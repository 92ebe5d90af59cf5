using Releat.MarketData.Model;

namespace Releat.MarketData.Storage;

/// <summary>Candles of one symbol and timeframe with opening time in [from, to), oldest first.</summary>
public sealed class CandleRangeReader : IDisposable
{
    private readonly SeriesRangeReader<CandleRecord> _records;

    internal CandleRangeReader(SeriesDirectory directory, long fromMs, long toMs)
    {
        _records = new SeriesRangeReader<CandleRecord>(directory, fromMs, toMs);
    }

    public bool TryReadChunk(out ReadOnlySpan<CandleRecord> chunk) => _records.TryReadChunk(out chunk);

    /// <summary>Copies up to destination.Length candles; 0 means the range is exhausted.</summary>
    public int Read(Span<Candle> destination)
    {
        int written = 0;
        while (written < destination.Length
            && _records.TryReadChunk(destination.Length - written, out ReadOnlySpan<CandleRecord> chunk))
        {
            for (int i = 0; i < chunk.Length; i++)
            {
                destination[written + i] = chunk[i].Candle;
            }

            written += chunk.Length;
        }

        return written;
    }

    public void Dispose() => _records.Dispose();
}
