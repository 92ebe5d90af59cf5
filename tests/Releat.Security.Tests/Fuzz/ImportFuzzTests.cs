using Releat.MarketData.Import;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.Security.Tests.Fuzz.Import;
using Xunit.Abstractions;

namespace Releat.Security.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of every market data importer with generated files (good rows mixed with rows broken in every
/// known way, blank lines, random bytes) over a store that already holds data. Every bad row is reported with its
/// file and line, the store afterwards holds only valid records in strictly increasing order, exactly the ones the
/// file should add, and what was stored before is unchanged byte for byte, also when an import fails.
/// </summary>
public sealed class ImportFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Cases = 500;
    private const string Symbol = "EURUSD";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"releat-import-fuzz-{Guid.NewGuid():N}");

    public static TheoryData<string> TickFormats => ["MT5 ticks", "CSV ticks"];

    public static TheoryData<string> CandleFormats => ["MT5 candles", "Dukascopy candles"];

    [Theory]
    [MemberData(nameof(TickFormats))]
    public void Tick_imports_report_every_bad_row_and_store_only_valid_increasing_ticks(string formatName)
    {
        var format = TickFormat(formatName);
        var builder = new TickFileBuilder(format);
        var seed = formatName == "MT5 ticks" ? 1001UL : 1002UL;
        long rows = 0;
        long bad = 0;
        var ran = SeededCases.Check(FilePlan.Generator(format.Kinds), Cases, seed, plan =>
        {
            var folder = NewCaseFolder();
            var store = new TickStore(folder);
            var stored = TickFileBuilder.StoredTicks(plan.Stored);
            Write(store, stored);
            var file = builder.Build(plan, stored);
            var path = Path.Combine(folder, "import.txt");
            file.WriteTo(path, plan.CrLf);
            var before = StoreSnapshot.Take(Path.Combine(folder, "ticks"));

            ImportReport report;
            using (var writer = store.OpenWriter(Symbol))
            {
                report = format.Import(path, writer, new ImportOptions { MaxErrorsKept = 100_000 }, CancellationToken.None);
            }

            var context = $"{format.Name}, {plan}";
            AssertReport(report, path, file.BadLines, file.DataRows, file.ExpectedNew.Count, file.AlreadyStored, context);
            before.AssertPreservedPrefix(context);
            var after = ReadTicks(store);
            AssertValidIncreasing(after, context);
            Assert.Equal([.. stored.Select(Key), .. file.ExpectedNew.Select(Key)], after.Select(r => Key(r.Tick)));
            rows += file.DataRows;
            bad += file.BadLines.Count;
            Directory.Delete(folder, recursive: true);
        });

        output.WriteLine($"{format.Name}: {ran} generated files (seed {seed}), {rows} rows of which {bad} bad; every bad row " +
            "reported at its file and line, the store valid and strictly increasing, earlier records unchanged.");
        Assert.Equal(Cases, ran);
    }

    [Theory]
    [MemberData(nameof(CandleFormats))]
    public void Candle_imports_report_every_bad_row_and_store_only_valid_increasing_candles(string formatName)
    {
        var format = CandleFormat(formatName);
        var builder = new CandleFileBuilder(format);
        var seed = formatName == "MT5 candles" ? 2001UL : 2002UL;
        long rows = 0;
        long bad = 0;
        var ran = SeededCases.Check(FilePlan.Generator(format.Kinds), Cases, seed, plan =>
        {
            var folder = NewCaseFolder();
            var store = new CandleStore(folder);
            var stored = CandleFileBuilder.StoredCandles(plan.Stored);
            using (var writer = store.OpenWriter(Symbol, Timeframe.M1))
            {
                foreach (var candle in stored)
                {
                    writer.Append(candle);
                }
            }

            var file = builder.Build(plan, stored);
            var path = Path.Combine(folder, "import.csv");
            file.WriteTo(path, plan.CrLf);
            var before = StoreSnapshot.Take(Path.Combine(folder, "candles"));

            ImportReport report;
            using (var writer = store.OpenWriter(Symbol, Timeframe.M1))
            {
                report = format.Import(path, writer, new ImportOptions { MaxErrorsKept = 100_000 }, CancellationToken.None);
            }

            var context = $"{format.Name}, {plan}";
            AssertReport(report, path, file.BadLines, file.DataRows, file.ExpectedNew.Count, file.AlreadyStored, context);
            before.AssertPreservedPrefix(context);
            var after = store.ReadAll(Symbol, Timeframe.M1);
            for (var i = 0; i < after.Length; i++)
            {
                var c = after[i];
                Assert.True(c.IsConsistent && c.Low > 0 && double.IsFinite(c.High) && c.Volume >= 0 && c.TickVolume >= 0, $"{context}: invalid {c}");
                Assert.True(i == 0 || c.TimeMs > after[i - 1].TimeMs, $"{context}: candle {i} not after the one before");
            }

            Assert.Equal([.. stored.Select(Key), .. file.ExpectedNew.Select(Key)], after.Select(Key));
            rows += file.DataRows;
            bad += file.BadLines.Count;
            Directory.Delete(folder, recursive: true);
        });

        output.WriteLine($"{format.Name}: {ran} generated files (seed {seed}), {rows} rows of which {bad} bad; every bad row " +
            "reported at its file and line, the store valid and strictly increasing, earlier records unchanged.");
        Assert.Equal(Cases, ran);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    internal static TickFileFormat TickFormat(string name) =>
        name == "MT5 ticks" ? new Mt5TickFileFormat() : new CsvTickFileFormat();

    internal static CandleFileFormat CandleFormat(string name) =>
        name == "MT5 candles" ? new Mt5CandleFileFormat() : new DukascopyCandleFileFormat();

    internal static void Write(TickStore store, IEnumerable<Tick> ticks)
    {
        using var writer = store.OpenWriter(Symbol);
        foreach (var tick in ticks)
        {
            writer.Append(tick);
        }
    }

    internal static List<TickRecord> ReadTicks(TickStore store)
    {
        var records = new List<TickRecord>();
        using var reader = store.OpenReader(Symbol);
        while (reader.TryReadChunk(out var chunk))
        {
            records.AddRange(chunk);
        }

        return records;
    }

    internal static void AssertValidIncreasing(List<TickRecord> records, string context)
    {
        for (var i = 0; i < records.Count; i++)
        {
            var t = records[i];
            Assert.True(double.IsFinite(t.Bid) && double.IsFinite(t.Ask) && t.Bid > 0 && t.Ask >= t.Bid && t.Volume >= 0 && t.IsIntact,
                $"{context}: invalid tick {t.Tick}");
            Assert.True(i == 0 || t.OrderKey > records[i - 1].OrderKey, $"{context}: tick {i} key not after the one before");
        }
    }

    private static void AssertReport(
        ImportReport report, string path, HashSet<long> badLines, int dataRows, int stored, int alreadyStored, string context)
    {
        Assert.True(report.Errors.All(e => e.File == path), $"{context}: an error names another file");
        var reported = report.Errors.Select(e => e.Line).ToHashSet();
        Assert.True(reported.SetEquals(badLines),
            $"{context}: bad lines [{string.Join(",", badLines.Order())}] but reported [{string.Join(", ", report.Errors)}]");
        Assert.Equal(badLines.Count, report.Rejected);
        Assert.Equal(dataRows, report.Rows);
        Assert.Equal(stored, report.Stored);
        Assert.Equal(alreadyStored, report.AlreadyStored);
    }

    private static (long, double, double) Key(Tick tick) => (tick.TimeMs, tick.Bid, tick.Ask);

    private static (long, double, double, double, double) Key(Candle candle) => (candle.TimeMs, candle.Open, candle.High, candle.Low, candle.Close);

    private string NewCaseFolder()
    {
        var folder = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
