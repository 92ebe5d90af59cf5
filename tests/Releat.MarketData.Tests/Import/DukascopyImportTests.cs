using Releat.MarketData.Import;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.MarketData.Synthetic;
using Releat.MarketData.Time;

namespace Releat.MarketData.Tests.Import;

/// <summary>The real EURUSD hourly ask candles of 2017 from Dukascopy (../shared/data).</summary>
public sealed class DukascopyImportTests : IDisposable
{
    private readonly TemporaryDirectory _root = new();
    private readonly CandleStore _store;

    public DukascopyImportTests()
    {
        _store = new CandleStore(_root.Path);
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public void TheSharedFileStoresEveryRowWithItsFirstAndLastValues()
    {
        ImportReport report = Import();

        Assert.Equal(6_225, report.Rows);
        Assert.Equal(6_225, report.Stored);
        Assert.Equal(0, report.Skipped);
        Assert.Empty(report.Errors);

        Candle[] candles = _store.ReadAll("EURUSD", Timeframe.H1);
        Assert.Equal(6_225, candles.Length);
        Assert.Equal(new Candle(Times.Utc(2017, 1, 1, 22), 1.05236, 1.05253, 1.05221, 1.05227, 0, 143539993.3, 0), candles[0]);
        Assert.Equal(new Candle(Times.Utc(2017, 12, 29, 21), 1.19984, 1.2013, 1.19931, 1.20075, 0, 4885529785, 0), candles[^1]);
        Assert.Equal(Times.Utc(2017, 1, 1, 22), report.FirstStoredMs);
        Assert.Equal(Times.Utc(2017, 12, 29, 21), report.LastStoredMs);
    }

    [Fact]
    public void TimesAreReadAsDayMonthYearAndLandInUtcMonths()
    {
        Import();
        Candle[] candles = _store.ReadAll("EURUSD", Timeframe.H1);

        Assert.Equal(new DateTime(2017, 1, 2, 0, 0, 0, DateTimeKind.Utc), candles[2].Time);
        Assert.All(candles, c => Assert.Equal(0, c.TimeMs % UtcTime.MsPerHour));
        Assert.True(candles.Zip(candles.Skip(1)).All(p => p.First.TimeMs < p.Second.TimeMs));
        Assert.Equal(12, Directory.GetFiles(Path.Combine(_root.Path, "candles", "EURUSD", "H1"), "*.candles").Length);
        Assert.Equal(
            candles.Count(c => c.Time.Month == 3),
            _store.ReadAll("EURUSD", Timeframe.H1, Times.Utc(2017, 3, 1), Times.Utc(2017, 4, 1)).Length);
    }

    [Fact]
    public void ImportingTheSameFileTwiceStoresNothingTwice()
    {
        Import();
        ImportReport again = Import();

        Assert.Equal(0, again.Stored);
        Assert.Equal(6_225, again.AlreadyStored);
        Assert.Equal(0, again.Rejected);
        Assert.Equal(6_225, _store.ReadAll("EURUSD", Timeframe.H1).Length);
    }

    [Fact]
    public void ProgressIsReportedUpToTheWholeFile()
    {
        var progress = new ProgressRecorder();
        Import(progress, new ImportOptions { ProgressEveryLines = 1000 });

        Assert.True(progress.Reports.Count >= 6);
        Assert.Equal(1.0, progress.Reports[^1].Fraction);
        Assert.Equal(6_225, progress.Reports[^1].Stored);
    }

    [Fact]
    public void AskCandlesExpandToTicksWithTheBidASpreadBelow()
    {
        Import();
        SymbolSpec eurusd = SymbolCatalog.Defaults["EURUSD"];
        Candle first = _store.ReadAll("EURUSD", Timeframe.H1)[0];
        var ticks = new Tick[CandleTickPath.TicksPerCandle];
        CandleTickPath.Expand(first, Timeframe.H1, PriceSide.Ask, eurusd, defaultSpreadPoints: 3, ticks);

        Assert.Equal([1.05236, 1.05253, 1.05221, 1.05227], ticks.Select(t => t.Ask));
        Assert.Equal([1.05233, 1.05250, 1.05218, 1.05224], ticks.Select(t => t.Bid));
        Assert.Equal(
            [first.TimeMs, first.TimeMs + (20 * UtcTime.MsPerMinute), first.TimeMs + (40 * UtcTime.MsPerMinute), first.TimeMs + UtcTime.MsPerHour - 1],
            ticks.Select(t => t.TimeMs));
    }

    private ImportReport Import(IProgress<ImportProgress>? progress = null, ImportOptions? options = null)
    {
        using CandleWriter writer = _store.OpenWriter("EURUSD", Timeframe.H1);
        return new DukascopyCandleImporter(options).Import(TestPaths.EurUsdHourlyAsk, writer, progress);
    }
}
