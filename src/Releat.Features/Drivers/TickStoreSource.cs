using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.MarketData.Time;

namespace Releat.Features.Drivers;

/// <summary>A symbol's ticks in the <see cref="TickStore"/> (memory-mapped month files).</summary>
public sealed class TickStoreSource(TickStore store, string symbol) : ITickSource
{
    // Looking back for the last tick: an hour covers a live market, a few weeks covers holidays and outages.
    private static readonly long[] LookBacks = [UtcTime.MsPerHour, UtcTime.MsPerDay, 7 * UtcTime.MsPerDay, 35 * UtcTime.MsPerDay];

    public string Symbol { get; } = symbol;

    public ITickReader Open(long fromMs, long toMs) => new StoreReader(store.OpenReader(Symbol, fromMs, toMs));

    public bool TryGetLastBefore(long timeMs, out Tick tick)
    {
        foreach (long lookBack in LookBacks)
        {
            using TickRangeReader reader = store.OpenReader(Symbol, timeMs - lookBack, timeMs);
            bool found = false;
            tick = default;
            while (reader.TryReadChunk(out ReadOnlySpan<TickRecord> chunk))
            {
                if (chunk.Length > 0)
                {
                    tick = chunk[^1].Tick;
                    found = true;
                }
            }

            if (found)
            {
                return true;
            }
        }

        tick = default;
        return false;
    }

    public long Count(long fromMs, long toMs) => store.Count(Symbol, fromMs, toMs);

    private sealed class StoreReader(TickRangeReader reader) : ITickReader
    {
        public int Read(Span<Tick> destination) => reader.Read(destination);

        public void Dispose() => reader.Dispose();
    }
}
