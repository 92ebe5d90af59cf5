using Releat.MarketData.Import;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;

namespace Releat.Security.Tests.Fuzz;

/// <summary>
/// What fuzzing the importers found, kept as tests of the fixed behaviour: a repeated CSV row is a duplicate, and
/// more ticks in one millisecond than the store can number are rejected rows, not an exception.
/// </summary>
public sealed class ImportFindingsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"releat-import-finding-{Guid.NewGuid():N}");

    [Fact]
    public void A_repeated_csv_row_is_rejected_as_a_duplicate()
    {
        Directory.CreateDirectory(_root);
        var path = Path.Combine(_root, "ticks.csv");
        File.WriteAllText(path, "Time,Bid,Ask\n2024-03-01 10:00:00.000,1.08321,1.08324\n2024-03-01 10:00:00.000,1.08321,1.08324\n");
        var mapping = new CsvTickMapping
        {
            Time = CsvColumn.Named("Time"),
            TimeFormat = "yyyy-MM-dd HH:mm:ss.fff",
            Bid = CsvColumn.Named("Bid"),
            Ask = CsvColumn.Named("Ask"),
        };
        var store = new TickStore(_root);

        ImportReport report;
        using (var writer = store.OpenWriter("EURUSD"))
        {
            report = new CsvTickImporter(mapping, SymbolCatalog.Defaults["EURUSD"]).Import(path, writer);
        }

        Assert.Equal(1, report.Count(RejectReason.Duplicate));
        Assert.Single(store.ReadAll("EURUSD"));
    }

    [Fact]
    public void More_ticks_in_one_millisecond_than_the_sequence_holds_are_rejected_rows_not_an_exception()
    {
        Directory.CreateDirectory(_root);
        var path = Path.Combine(_root, "ticks.tsv");
        using (var file = new StreamWriter(path))
        {
            file.Write("<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>\n");
            for (var i = 0; i <= ushort.MaxValue + 1; i++)
            {
                file.Write(i % 2 == 0 ? "2024.03.01\t10:00:00.000\t1.08321\t1.08324\t\t\t6\n" : "2024.03.01\t10:00:00.000\t1.08322\t1.08324\t\t\t6\n");
            }
        }

        var store = new TickStore(_root);
        ImportReport report;
        using (var writer = store.OpenWriter("EURUSD"))
        {
            report = new Mt5TickImporter().Import(path, writer);
        }

        Assert.Equal(ushort.MaxValue + 1, report.Stored);
        Assert.Equal(1, report.Rejected);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
