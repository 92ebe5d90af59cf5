using Releat.MarketData.Model;

namespace Releat.MarketData.Storage;

/// <summary>Ticks of one symbol with time in [from, to), oldest first.</summary>
public sealed class TickRangeReader : IDisposable
{
    private readonly SeriesRangeReader<TickRecord> _records;

    internal TickRangeReader(SeriesDirectory directory, long fromMs, long toMs)
    {
        _records = new SeriesRangeReader<TickRecord>(directory, fromMs, toMs);
    }

    public long IgnoredTailRecords => _records.IgnoredTailRecords;

    /// <summary>The next run of stored records, zero-copy over the mapped file; valid until the next call.</summary>
    public bool TryReadChunk(out ReadOnlySpan<TickRecord> chunk) => _records.TryReadChunk(out chunk);

    /// <summary>Copies up to destination.Length ticks; 0 means the range is exhausted.</summary>
    public int Read(Span<Tick> destination)
    {
        int written = 0;
        while (written < destination.Length && _records.TryReadChunk(destination.Length - written, out ReadOnlySpan<TickRecord> chunk))
        {
            for (int i = 0; i < chunk.Length; i++)
            {
                destination[written + i] = chunk[i].Tick;
            }

            written += chunk.Length;
        }

        return written;
    }

    public void Dispose() => _records.Dispose();
}
