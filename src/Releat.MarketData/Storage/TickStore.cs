using Releat.MarketData.Model;
using Releat.MarketData.Time;

namespace Releat.MarketData.Storage;

/// <summary>
/// Ticks on disk under <c>&lt;root&gt;/ticks/&lt;SYMBOL&gt;/&lt;yyyy-MM&gt;.ticks</c>: one append-only, memory-mapped
/// file per symbol and UTC month (format in FORMAT.md). One writer per symbol; any number of readers.
/// </summary>
public sealed class TickStore
{
    public TickStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = root;
    }

    public string Root { get; }

    /// <summary>The symbol's single writer; it fails if another writer holds the symbol.</summary>
    public TickWriter OpenWriter(string symbol) => new(SeriesDirectory.ForTicks(Root, symbol));

    /// <summary>Ticks with time in [fromMs, toMs).</summary>
    public TickRangeReader OpenReader(string symbol, long fromMs = long.MinValue, long toMs = long.MaxValue) =>
        new(SeriesDirectory.ForTicks(Root, symbol), fromMs, toMs);

    /// <summary>
    /// One month file kept open for many lookups (<see cref="SeriesFile{T}.Range"/> is a binary search on the
    /// mapping); null when the month has no file. Opening a reader per small range costs a mapping each time.
    /// </summary>
    public SeriesFile<TickRecord>? OpenMonth(string symbol, long timeMs)
    {
        SeriesDirectory directory = SeriesDirectory.ForTicks(Root, symbol);
        long month = UtcTime.MonthStart(timeMs);
        string path = directory.FileFor(month);
        if (!File.Exists(path))
        {
            return null;
        }

        bool sealedMonth = File.Exists(directory.FileFor(UtcTime.NextMonthStart(month)))
            || directory.MonthFiles()[^1].MonthStartMs > month;
        return new SeriesFile<TickRecord>(path, directory.HeaderFor(month, TickRecord.Size), sealedMonth);
    }

    /// <summary>All ticks in [fromMs, toMs) in one array: for tests and small ranges; stream with a reader otherwise.</summary>
    public Tick[] ReadAll(string symbol, long fromMs = long.MinValue, long toMs = long.MaxValue)
    {
        using TickRangeReader reader = OpenReader(symbol, fromMs, toMs);
        var ticks = new List<Tick>();
        while (reader.TryReadChunk(out ReadOnlySpan<TickRecord> chunk))
        {
            foreach (ref readonly TickRecord record in chunk)
            {
                ticks.Add(record.Tick);
            }
        }

        return [.. ticks];
    }

    public long Count(string symbol, long fromMs = long.MinValue, long toMs = long.MaxValue)
    {
        using TickRangeReader reader = OpenReader(symbol, fromMs, toMs);
        long count = 0;
        while (reader.TryReadChunk(out ReadOnlySpan<TickRecord> chunk))
        {
            count += chunk.Length;
        }

        return count;
    }

    /// <summary>Symbols that have a tick folder.</summary>
    public IReadOnlyList<string> Symbols()
    {
        string folder = Path.Combine(Root, "ticks");
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateDirectories(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
            : [];
    }

    public IReadOnlyList<string> MonthFiles(string symbol) =>
        [.. SeriesDirectory.ForTicks(Root, symbol).MonthFiles().Select(m => m.Path)];
}
