using System.Text;
using Releat.MarketData.Import;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;

namespace Releat.MarketData.Tests.Import;

public sealed class Mt5TickImportTests : IDisposable
{
    private const string Header = "<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>";

    /// <summary>Line numbers are 1-based and count the header: the comment says what each line is.</summary>
    private static readonly string[] MixedLines =
    [
        Header,                                                        // 1
        "2024.03.04\t10:00:00.000\t1.10000\t1.10002\t\t\t6",           // 2 good
        "2024.03.04\t10:00:00.250\t\t1.10003\t\t\t4",                  // 3 good, bid unchanged (blank)
        "2024.13.04\t10:00:00.300\t1.10001\t1.10003\t\t\t6",           // 4 bad date (month 13)
        "2024.03.04\t10:00:00.350\t1.10001\t1.1x\t\t\t6",              // 5 bad number
        "2024.03.04\t10:00:00.400\tNaN\t1.10003\t\t\t6",               // 6 NaN
        "2024.03.04\t10:00:00.450\t-1.1\t1.10003\t\t\t6",              // 7 non-positive
        "2024.03.04\t10:00:00.500\t1.10010\t1.10000\t\t\t6",           // 8 ask below bid
        "2024.03.04\t09:59:59.000\t1.10001\t1.10003\t\t\t6",           // 9 out of order
        "2024.03.04\t10:00:00.250\t\t1.10003\t\t\t4",                  // 10 duplicate of line 3
        "2024.03.04\t10:00:00.600\t1.10001\t1.10003",                  // 11 wrong column count
        "",                                                            // 12 blank: skipped, not a row
        "2024.03.04\t10:00:00.250\t1.10001\t\t\t\t2",                  // 13 good: same ms as line 3, new bid
        "2024.03.04\t10:00:01.000\t1.10004\t1.10006\t1.10005\t2\t126", // 14 good, a deal with last and volume
    ];

    private readonly TemporaryDirectory _root = new();
    private readonly TickStore _store;

    public Mt5TickImportTests()
    {
        _store = new TickStore(_root.Path);
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public void EveryKindOfBadRowIsRejectedWithItsLineNumber()
    {
        ImportReport report = Import(_root.Write("mixed.csv", string.Join('\n', MixedLines)));

        Assert.Equal(12, report.Rows);
        Assert.Equal(4, report.Stored);
        Assert.Equal(8, report.Rejected);
        Assert.Equal(
            [
                (4L, RejectReason.BadDate), (5L, RejectReason.BadNumber), (6L, RejectReason.NotANumber),
                (7L, RejectReason.NonPositivePrice), (8L, RejectReason.AskBelowBid), (9L, RejectReason.OutOfOrder),
                (10L, RejectReason.Duplicate), (11L, RejectReason.WrongColumnCount),
            ],
            report.Errors.Select(e => (e.Line, e.Reason)));
        Assert.All(report.Errors, e => Assert.EndsWith("mixed.csv", e.File, StringComparison.Ordinal));
        Assert.Contains("<DATE> '2024.13.04'", report.Errors[0].Detail, StringComparison.Ordinal);
        Assert.Contains("<ASK> '1.1x'", report.Errors[1].Detail, StringComparison.Ordinal);
        Assert.Contains("line 3", report.Errors[6].Detail, StringComparison.Ordinal);
        Assert.Contains("found 4", report.Errors[7].Detail, StringComparison.Ordinal);
        Assert.StartsWith($"{report.File}:4: BadDate:", report.Errors[0].ToString(), StringComparison.Ordinal);
        Assert.Equal(1, report.Count(RejectReason.Duplicate));
    }

    [Fact]
    public void BlankPricesRepeatThePreviousTickAndFlagsArePreserved()
    {
        Import(_root.Write("mixed.csv", string.Join('\n', MixedLines)));
        long t = Times.Utc(2024, 3, 4, 10);

        Assert.Equal(
            [
                new Tick(t, 1.10000, 1.10002, 0, 0, TickFlags.Bid | TickFlags.Ask),
                new Tick(t + 250, 1.10000, 1.10003, 0, 0, TickFlags.Ask),
                new Tick(t + 250, 1.10001, 1.10003, 0, 0, TickFlags.Bid),
                new Tick(t + 1000, 1.10004, 1.10006, 1.10005, 2, TickFlags.Bid | TickFlags.Ask | TickFlags.Last | TickFlags.Volume | TickFlags.Buy | TickFlags.Sell),
            ],
            _store.ReadAll("EURUSD"));
    }

    [Fact]
    public void ImportingTheSameFileTwiceStoresNothingTwice()
    {
        string path = _root.Write("mixed.csv", string.Join('\n', MixedLines));
        Import(path);
        ImportReport again = Import(path);

        Assert.Equal(0, again.Stored);
        Assert.Equal(4, again.AlreadyStored);
        Assert.Equal(4, _store.ReadAll("EURUSD").Length);
    }

    [Fact]
    public void AnOverlappingFileStoresOnlyWhatIsNew()
    {
        Import(_root.Write("first.csv", string.Join('\n', Header, "2024.03.04\t10:00:00.000\t1.1\t1.1002\t\t\t6", "2024.03.04\t10:00:00.000\t1.1001\t1.1002\t\t\t2")));
        ImportReport second = Import(_root.Write("second.csv", string.Join('\n',
            Header,
            "2024.03.04\t10:00:00.000\t1.1\t1.1002\t\t\t6",
            "2024.03.04\t10:00:00.000\t1.1001\t1.1002\t\t\t2",
            "2024.03.04\t10:00:00.000\t1.1002\t1.1003\t\t\t6",
            "2024.03.04\t10:00:02.000\t1.1003\t1.1004\t\t\t6")));

        Assert.Equal(2, second.AlreadyStored);
        Assert.Equal(2, second.Stored);
        Assert.Equal([1.1, 1.1001, 1.1002, 1.1003], _store.ReadAll("EURUSD").Select(t => t.Bid));
    }

    [Fact]
    public void Utf16ExportsWithAByteOrderMarkReadTheSame()
    {
        string path = _root.File("unicode.csv");
        File.WriteAllText(path, string.Join("\r\n", MixedLines), Encoding.Unicode);
        ImportReport report = Import(path);

        Assert.Equal(4, report.Stored);
        Assert.Equal(8, report.Rejected);
    }

    [Fact]
    public void BrokerServerTimeIsConvertedToUtcAndNonexistentLocalTimesAreRejected()
    {
        string path = _root.Write("athens.csv", string.Join('\n',
            Header,
            "2024.03.04\t10:00:00.000\t1.1\t1.1002\t\t\t6",  // EET, UTC+2
            "2024.03.31\t03:30:00.000\t1.1\t1.1002\t\t\t6",  // inside the spring-forward gap
            "2024.07.01\t10:00:00.000\t1.1\t1.1002\t\t\t6")); // EEST, UTC+3
        ImportReport report = Import(path, new ImportOptions { TimeZoneId = "Europe/Athens" });

        Assert.Equal([Times.Utc(2024, 3, 4, 8), Times.Utc(2024, 7, 1, 7)], _store.ReadAll("EURUSD").Select(t => t.TimeMs));
        ImportError gap = Assert.Single(report.Errors);
        Assert.Equal((3L, RejectReason.BadDate), (gap.Line, gap.Reason));
        Assert.Contains("Europe/Athens", gap.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWithoutTheMt5HeaderIsRefusedNamingFileAndLine()
    {
        string path = _root.Write("wrong.csv", "Time,Bid,Ask\n2024.03.04,1.1,1.1002\n");
        var error = Assert.Throws<ImportFormatException>(() => Import(path));

        Assert.Equal(path, error.File);
        Assert.Equal(1, error.Line);
        Assert.Contains("<DATE>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileNamesThePath()
    {
        string path = _root.File("nowhere.csv");
        var error = Assert.Throws<FileNotFoundException>(() => Import(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private ImportReport Import(string path, ImportOptions? options = null)
    {
        using TickWriter writer = _store.OpenWriter("EURUSD");
        return new Mt5TickImporter(options).Import(path, writer);
    }
}
