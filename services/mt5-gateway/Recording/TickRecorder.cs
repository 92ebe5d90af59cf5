using System.Diagnostics;
using Releat.MarketData.Feeds;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;

namespace Releat.Mt5Gateway.Recording;

/// <summary>
/// Appends every live tick to the tick store, so the signal service can catch up after a restart from disk
/// instead of waiting hours for lookback. Ticks at or before what the store already holds when recording starts
/// are skipped (a restarted feed replays them). Flushes to disk at most once a second, durably.
/// </summary>
public sealed class TickRecorder(TickStore store) : ITickListener, IDisposable
{
    private static readonly long FlushEveryTicks = Stopwatch.Frequency;

    private readonly Dictionary<string, (TickWriter Writer, long ResumeAfterMs)> _writers = new(StringComparer.Ordinal);
    private long _lastFlush = Stopwatch.GetTimestamp();

    public long Recorded { get; private set; }

    public long Skipped { get; private set; }

    public void OnTick(string symbol, in Tick tick)
    {
        if (!_writers.TryGetValue(symbol, out var entry))
        {
            var writer = store.OpenWriter(symbol);
            entry = (writer, writer.LastTimeMs);
            _writers[symbol] = entry;
        }

        if (tick.TimeMs <= entry.ResumeAfterMs)
        {
            Skipped++;
            return;
        }

        entry.Writer.Append(tick);
        Recorded++;
        if (Stopwatch.GetTimestamp() - _lastFlush > FlushEveryTicks)
        {
            Flush();
        }
    }

    public void Flush()
    {
        foreach (var (writer, _) in _writers.Values)
        {
            writer.Flush(durable: true);
        }

        _lastFlush = Stopwatch.GetTimestamp();
    }

    public void Dispose()
    {
        Flush();
        foreach (var (writer, _) in _writers.Values)
        {
            writer.Dispose();
        }

        _writers.Clear();
    }
}
