using System.Globalization;
using Releat.MarketData.Import;
using Releat.MarketData.Storage;

namespace Releat.MarketData.Benchmarks;

/// <summary>MT5 tick export into the store: parse, validate, de-duplicate, append; then the same file again.</summary>
internal static class ImportBenchmark
{
    public static void Run(string export, string root, int expectedTicks, ResultTable table)
    {
        var store = new TickStore(Path.Combine(root, "store"));
        ImportReport report = null!;
        (TimeSpan elapsed, long allocated) = Measure.Run(() =>
        {
            using TickWriter writer = store.OpenWriter("EURUSD");
            report = new Mt5TickImporter().Import(export, writer);
        });

        double megabytes = new FileInfo(export).Length / 1e6;
        table.Add("import MT5 ticks -> store", ResultTable.PerSecond(report.Rows, elapsed, "ticks"),
            string.Create(CultureInfo.InvariantCulture,
                $"{megabytes / elapsed.TotalSeconds:F0} MB/s, stored {report.Stored:N0} of {expectedTicks:N0}, rejected {report.Rejected}, {allocated / (double)report.Rows:F2} B/row"));

        if (report.Errors.Count > 0)
        {
            table.Add("  first rejected row", "", report.Errors[0].ToString());
        }

        (TimeSpan again, _) = Measure.Run(() =>
        {
            using TickWriter writer = store.OpenWriter("EURUSD");
            report = new Mt5TickImporter().Import(export, writer);
        });
        table.Add("re-import same file", ResultTable.PerSecond(report.Rows, again, "ticks"),
            string.Create(CultureInfo.InvariantCulture, $"stored {report.Stored}, already stored {report.AlreadyStored:N0}"));
    }
}
