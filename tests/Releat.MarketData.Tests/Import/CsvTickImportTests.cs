using Releat.MarketData.Import;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;

namespace Releat.MarketData.Tests.Import;

public sealed class CsvTickImportTests : IDisposable
{
    private readonly TemporaryDirectory _root = new();
    private readonly TickStore _store;
    private readonly SymbolSpec _eurusd = SymbolCatalog.Defaults["EURUSD"];

    public CsvTickImportTests()
    {
        _store = new TickStore(_root.Path);
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public void BidAndAskColumnsByNameWithACustomTimeLayout()
    {
        string path = _root.Write("ticks.csv", """
            timestamp,bid,ask,volume
            2024-03-04 10:00:00.125,1.08500,1.08502,1.5
            2024-03-04 10:00:00.500,1.08501,1.08502,0
            2024-03-04 10:00:01,1.08501,1.08502,0
            """);
        ImportReport report = Import(path, new CsvTickMapping
        {
            Time = CsvColumn.Named("timestamp"),
            TimeFormat = "yyyy-MM-dd HH:mm:ss.fff",
            Bid = CsvColumn.Named("BID"),
            Ask = CsvColumn.Named("ask"),
            Volume = CsvColumn.Named("volume"),
        });

        long t = Times.Utc(2024, 3, 4, 10);
        Assert.Equal(
            [new Tick(t + 125, 1.085, 1.08502, 0, 1.5, TickFlags.Bid | TickFlags.Ask), new Tick(t + 500, 1.08501, 1.08502, 0, 0, TickFlags.Bid)],
            _store.ReadAll("EURUSD"));
        ImportError error = Assert.Single(report.Errors);
        Assert.Equal((4L, RejectReason.BadDate), (error.Line, error.Reason));
    }

    [Fact]
    public void ASinglePriceColumnGetsTheAskFromTheSpreadInPoints()
    {
        string path = _root.Write("mid.csv", """
            time;price;spread
            1709546400000;1.08500;12
            1709546400250;1.08510;x
            """);
        ImportReport report = Import(path, new CsvTickMapping
        {
            Separator = ';',
            Time = CsvColumn.Named("time"),
            TimeFormat = "unix-ms",
            Price = CsvColumn.Named("price"),
            SpreadPoints = CsvColumn.Named("spread"),
        });

        Tick tick = Assert.Single(_store.ReadAll("EURUSD"));
        Assert.Equal(new Tick(Times.Utc(2024, 3, 4, 10), 1.085, 1.08512), tick with { Ask = Math.Round(tick.Ask, 5) });
        Assert.Equal((3L, RejectReason.BadNumber), (report.Errors[0].Line, report.Errors[0].Reason));
        Assert.Contains("spread 'x'", report.Errors[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void DateAndTimeColumnsByPositionInNewYorkTime()
    {
        string path = _root.Write("ny.txt", """
            03/04/2024 05:00:00 1.08500 1.08502
            07/01/2024 05:00:00 1.08500 1.08503 extra
            03/10/2024 02:30:00 1.08500 1.08503
            """.Replace(' ', '\t'));
        ImportReport report = Import(
            path,
            new CsvTickMapping
            {
                Separator = '\t',
                HasHeader = false,
                Date = CsvColumn.At(0),
                Time = CsvColumn.At(1),
                TimeFormat = "MM/dd/yyyy HH:mm:ss",
                Bid = CsvColumn.At(2),
                Ask = CsvColumn.At(3),
            },
            new ImportOptions { TimeZoneId = "America/New_York" });

        Assert.Equal([Times.Utc(2024, 3, 4, 10), Times.Utc(2024, 7, 1, 9)], _store.ReadAll("EURUSD").Select(t => t.TimeMs));
        Assert.Equal((3L, RejectReason.BadDate), (report.Errors.Single().Line, report.Errors.Single().Reason));
    }

    [Fact]
    public void LayoutsBeyondFixedDigitsFallBackToTheDotNetParser()
    {
        string path = _root.Write("named-month.csv", "when,bid,ask\n04-Mar-2024 10:00:00,1.085,1.08502\n");
        Import(path, new CsvTickMapping
        {
            Time = CsvColumn.Named("when"),
            TimeFormat = "dd-MMM-yyyy HH:mm:ss",
            Bid = CsvColumn.Named("bid"),
            Ask = CsvColumn.Named("ask"),
        });

        Assert.Equal(Times.Utc(2024, 3, 4, 10), Assert.Single(_store.ReadAll("EURUSD")).TimeMs);
    }

    [Fact]
    public void AnUnknownColumnNameIsRefusedListingTheHeader()
    {
        string path = _root.Write("ticks.csv", "time,bid,ask\n");
        var error = Assert.Throws<ImportFormatException>(() => Import(path, new CsvTickMapping
        {
            Time = CsvColumn.Named("time"),
            TimeFormat = "unix-ms",
            Bid = CsvColumn.Named("bid"),
            Ask = CsvColumn.Named("offer"),
        }));

        Assert.Contains("no column named 'offer'", error.Message, StringComparison.Ordinal);
        Assert.Contains("time, bid, ask", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMappingNeedsBidAndAskOrAPrice() =>
        Assert.Throws<ArgumentException>(() => new CsvTickImporter(
            new CsvTickMapping { Time = CsvColumn.At(0), TimeFormat = "unix-ms", Bid = CsvColumn.At(1) }, _eurusd));

    private ImportReport Import(string path, CsvTickMapping mapping, ImportOptions? options = null)
    {
        using TickWriter writer = _store.OpenWriter("EURUSD");
        return new CsvTickImporter(mapping, _eurusd, options).Import(path, writer);
    }
}
