using System.Globalization;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.MarketData.Time;

namespace Releat.MarketData.Benchmarks;

/// <summary>Reading ticks back: a full-range scan over the mapped files, the copying reader, and many small ranges.</summary>
internal static class StoreReadBenchmark
{
    public static void Run(string root, Tick[] ticks, ResultTable table)
    {
        var store = new TickStore(Path.Combine(root, "store"));
        long first = ticks[0].TimeMs;
        long end = ticks[^1].TimeMs + 1;
        Warmup.Run(() => Scan(store, first, end)); // also pulls the files into the page cache

        double checksum = 0;
        long count = 0;
        (TimeSpan elapsed, long allocated) = Measure.Run(() => (count, checksum) = Scan(store, first, end));
        table.Add("range read, zero-copy chunks", ResultTable.PerSecond(count, elapsed, "ticks"),
            string.Create(CultureInfo.InvariantCulture, $"{count:N0} ticks over {store.MonthFiles("EURUSD").Count} month files, {allocated} bytes allocated, mid sum {checksum:F1}"));

        var buffer = new Tick[4096];
        (elapsed, allocated) = Measure.Run(() =>
        {
            count = 0;
            using TickRangeReader reader = store.OpenReader("EURUSD", first, end);
            int n;
            while ((n = reader.Read(buffer)) > 0)
            {
                count += n;
            }
        });
        table.Add("range read, copy into Span<Tick>", ResultTable.PerSecond(count, elapsed, "ticks"),
            string.Create(CultureInfo.InvariantCulture, $"4096-tick buffer, {allocated} bytes allocated"));

        var random = new Random(7);
        const int Ranges = 20_000;
        long found = 0;
        (elapsed, _) = Measure.Run(() =>
        {
            for (int i = 0; i < Ranges; i++)
            {
                long from = first + (long)(random.NextDouble() * (end - first));
                found += Scan(store, from, from + UtcTime.MsPerMinute).Count;
            }
        });
        table.Add("random 1-minute ranges, new reader", ResultTable.PerSecond(Ranges, elapsed, "ranges"),
            string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalMicroseconds / Ranges:F1} us per range (list months, map file, tail check, search), {found / (double)Ranges:F0} ticks each"));

        using SeriesFile<TickRecord> month = store.OpenMonth("EURUSD", first)!;
        long monthEnd = UtcTime.NextMonthStart(first);
        const int Lookups = 1_000_000;
        found = 0;
        (elapsed, allocated) = Measure.Run(() =>
        {
            for (int i = 0; i < Lookups; i++)
            {
                long from = first + (long)(random.NextDouble() * (monthEnd - first));
                found += month.Range(from, from + UtcTime.MsPerMinute).Length;
            }
        });
        table.Add("random 1-minute ranges, open month", ResultTable.PerSecond(Lookups, elapsed, "ranges"),
            string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalNanoseconds / Lookups:F0} ns per range (two binary searches), {allocated} bytes allocated"));
    }

    private static (long Count, double MidSum) Scan(TickStore store, long from, long to)
    {
        using TickRangeReader reader = store.OpenReader("EURUSD", from, to);
        long count = 0;
        double sum = 0;
        while (reader.TryReadChunk(out ReadOnlySpan<TickRecord> chunk))
        {
            foreach (ref readonly TickRecord record in chunk)
            {
                sum += (record.Bid + record.Ask) * 0.5;
            }

            count += chunk.Length;
        }

        return (count, sum);
    }
}
