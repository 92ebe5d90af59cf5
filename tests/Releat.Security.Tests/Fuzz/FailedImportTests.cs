using Releat.MarketData.Import;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.Security.Tests.Fuzz.Import;
using Xunit.Abstractions;

namespace Releat.Security.Tests.Fuzz;

/// <summary>
/// Imports that fail (a wrong or missing header, a cancellation part-way, a missing file) leave what was stored
/// before byte for byte as it was, and never leave a record that is invalid or out of order.
/// </summary>
public sealed class FailedImportTests(ITestOutputHelper output) : IDisposable
{
    private const int Cases = 200;
    private const string Symbol = "EURUSD";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"releat-failed-import-{Guid.NewGuid():N}");

    public static TheoryData<string> TickFormats => ["MT5 ticks", "CSV ticks"];

    [Theory]
    [MemberData(nameof(TickFormats))]
    public void A_file_with_a_wrong_header_is_refused_naming_file_and_line_and_the_store_is_untouched(string formatName)
    {
        var format = ImportFuzzTests.TickFormat(formatName);
        var builder = new TickFileBuilder(format);
        var ran = SeededCases.Check(FilePlan.Generator(format.Kinds), Cases, 3001, plan =>
        {
            var folder = NewCaseFolder();
            var store = new TickStore(folder);
            var stored = TickFileBuilder.StoredTicks(plan.Stored);
            ImportFuzzTests.Write(store, stored);
            var path = Path.Combine(folder, "import.txt");
            var lines = BrokenHeaderFile(builder.Build(plan, stored), plan, format, path);
            var before = StoreSnapshot.Take(Path.Combine(folder, "ticks"));

            using (var writer = store.OpenWriter(Symbol))
            {
                var error = Assert.Throws<ImportFormatException>(() => format.Import(path, writer, ImportOptions.Default, CancellationToken.None));
                Assert.Equal(path, error.File);
                Assert.InRange(error.Line, 1, lines);
                Assert.StartsWith(path + ":", error.Message, StringComparison.Ordinal);
            }

            before.AssertUnchanged($"{format.Name}, header refused");
            Directory.Delete(folder, recursive: true);
        });

        output.WriteLine($"{format.Name}: {ran} files with a broken header (seed 3001) refused at their file and line; stores unchanged byte for byte.");
        Assert.Equal(Cases, ran);
    }

    [Theory]
    [MemberData(nameof(TickFormats))]
    public void An_import_cancelled_part_way_leaves_earlier_records_unchanged_and_the_store_valid(string formatName)
    {
        var format = ImportFuzzTests.TickFormat(formatName);
        var builder = new TickFileBuilder(format);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var stopped = 0;
        var ran = SeededCases.Check(FilePlan.Generator(format.Kinds), Cases, 3002, plan =>
        {
            var folder = NewCaseFolder();
            var store = new TickStore(folder);
            var stored = TickFileBuilder.StoredTicks(plan.Stored);
            ImportFuzzTests.Write(store, stored);
            var file = builder.Build(plan, stored);
            var path = Path.Combine(folder, "import.txt");
            file.WriteTo(path, plan.CrLf);
            var before = StoreSnapshot.Take(Path.Combine(folder, "ticks"));

            // The importer looks at the token every ProgressEveryLines lines: a token already cancelled stops it there.
            var every = 1 + (plan.Rows.Length / 2);
            using (var writer = store.OpenWriter(Symbol))
            {
                try
                {
                    format.Import(path, writer, new ImportOptions { ProgressEveryLines = every }, cancelled.Token);
                }
                catch (OperationCanceledException)
                {
                    stopped++;
                }
            }

            var context = $"{format.Name} cancelled every {every} lines, {plan}";
            before.AssertPreservedPrefix(context);
            var after = ImportFuzzTests.ReadTicks(store);
            ImportFuzzTests.AssertValidIncreasing(after, context);
            var expected = stored.Concat(file.ExpectedNew).Select(t => (t.TimeMs, t.Bid, t.Ask)).ToList();
            Assert.True(after.Count <= expected.Count, context);
            Assert.Equal(expected.Take(after.Count), after.Select(r => (r.TimeMs, r.Bid, r.Ask)));
            Directory.Delete(folder, recursive: true);
        });

        output.WriteLine($"{format.Name}: {ran} imports with a cancelled token (seed 3002), {stopped} stopped part-way; " +
            "each left the earlier records unchanged and the store a valid prefix of the full import.");
        Assert.Equal(Cases, ran);
        Assert.True(stopped > Cases / 2);
    }

    [Fact]
    public void A_missing_file_is_refused_naming_it_and_the_store_is_untouched()
    {
        var folder = NewCaseFolder();
        var store = new TickStore(folder);
        ImportFuzzTests.Write(store, TickFileBuilder.StoredTicks(5));
        var before = StoreSnapshot.Take(Path.Combine(folder, "ticks"));
        var path = Path.Combine(folder, "no-such-file.txt");

        using (var writer = store.OpenWriter(Symbol))
        {
            var error = Assert.Throws<FileNotFoundException>(() => new Mt5TickImporter().Import(path, writer));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }

        before.AssertUnchanged("missing file");
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>Writes the file with its header broken in one of several ways; returns how many lines it has.</summary>
    private static long BrokenHeaderFile(GeneratedFile<Tick> file, FilePlan plan, TickFileFormat format, string path)
    {
        file.WriteTo(path, plan.CrLf);
        var text = File.ReadAllText(path);
        var newline = plan.CrLf ? "\r\n" : "\n";
        var body = text[(text.IndexOf(newline, StringComparison.Ordinal) + newline.Length)..];
        var columns = format.Header.Split(format.Separator);
        var choice = plan.Rows.Length % 4;
        var header = choice switch
        {
            0 => string.Join(format.Separator, columns[..^1]),
            1 => string.Join(format.Separator, columns.Select((c, i) => i == 1 ? c + "X" : c)),
            2 => "no header here",
            _ => "",
        };
        File.WriteAllText(path, choice == 3 ? "" : header + newline + body);
        return Math.Max(1, file.LineCount);
    }

    private string NewCaseFolder()
    {
        var folder = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
