using Releat.MarketData.Model;
using Releat.MarketData.Time;

namespace Releat.MarketData.Storage;

/// <summary>
/// Appends ticks of one symbol to the store. Ticks sharing a millisecond are told apart by a sequence number:
/// <see cref="Append(in Tick)"/> numbers them itself, <see cref="Append(in Tick, ushort)"/> takes the importer's
/// number so that a re-import lands on the same (time, sequence) keys and is recognised as already stored.
/// </summary>
public sealed class TickWriter : IDisposable
{
    private readonly SeriesWriter<TickRecord> _series;

    internal TickWriter(SeriesDirectory directory)
    {
        _series = new SeriesWriter<TickRecord>(directory);
    }

    public string Symbol => _series.Symbol;

    public bool HasTicks => _series.HasLast;

    /// <summary>Time of the newest stored tick; long.MinValue when the store is empty.</summary>
    public long LastTimeMs => _series.HasLast ? _series.Last.TimeMs : long.MinValue;

    public ushort LastSequence => _series.HasLast ? _series.Last.Sequence : (ushort)0;

    public long LastKey => _series.LastKey;

    public Tick LastTick => _series.Last.Tick;

    public long AppendedCount => _series.AppendedCount;

    public long RecoveredTornRecords => _series.RecoveredTornRecords;

    public void Append(in Tick tick)
    {
        ushort sequence = 0;
        if (_series.HasLast && tick.TimeMs == _series.Last.TimeMs)
        {
            sequence = _series.Last.Sequence == ushort.MaxValue
                ? throw new InvalidOperationException(
                    $"{Symbol}: more than {ushort.MaxValue + 1} ticks at {UtcTime.Format(tick.TimeMs)}")
                : (ushort)(_series.Last.Sequence + 1);
        }

        _series.Append(TickRecord.Seal(tick, sequence));
    }

    public void Append(in Tick tick, ushort sequence) => _series.Append(TickRecord.Seal(tick, sequence));

    public void Flush(bool durable = false) => _series.Flush(durable);

    public void Dispose() => _series.Dispose();
}
