using Releat.MarketData.Model;
using Releat.MarketData.Storage;

namespace Releat.MarketData.Tests.Storage;

public sealed class TickStoreTests : IDisposable
{
    private readonly TemporaryDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void TicksReadBackExactlyAsWritten()
    {
        var store = new TickStore(_root.Path);
        Tick[] ticks = TestTicks.Sequence(10_000, Times.MondayMorning);
        using (TickWriter writer = store.OpenWriter("EURUSD"))
        {
            foreach (Tick tick in ticks)
            {
                writer.Append(tick);
            }
        }

        Assert.Equal(ticks, store.ReadAll("EURUSD"));
    }

    [Fact]
    public void FilesFollowTheSymbolAndUtcMonthLayout()
    {
        var store = new TickStore(_root.Path);
        using (TickWriter writer = store.OpenWriter("EURUSD"))
        {
            writer.Append(new Tick(Times.Utc(2017, 3, 31, 23, 59, 59, 999), 1.07, 1.0701));
            writer.Append(new Tick(Times.Utc(2017, 4, 1, 0, 0, 0, 0), 1.07, 1.0702));
        }

        string folder = Path.Combine(_root.Path, "ticks", "EURUSD");
        Assert.Equal(
            [Path.Combine(folder, "2017-03.ticks"), Path.Combine(folder, "2017-04.ticks")],
            store.MonthFiles("EURUSD"));
        Assert.Equal(SeriesFileHeader.Size + TickRecord.Size, new FileInfo(Path.Combine(folder, "2017-03.ticks")).Length);
    }

    [Fact]
    public void HeaderNamesMagicVersionSymbolAndRecordSize()
    {
        var store = new TickStore(_root.Path);
        using (TickWriter writer = store.OpenWriter("GBPUSD"))
        {
            writer.Append(new Tick(Times.MondayMorning, 1.27, 1.2701));
        }

        byte[] bytes = File.ReadAllBytes(store.MonthFiles("GBPUSD")[0]);
        Assert.Equal("RLTS"u8.ToArray(), bytes[..4]);
        SeriesFileHeader header = SeriesFileHeader.ReadFrom(bytes, "test");
        Assert.Equal(new SeriesFileHeader(SeriesKind.Ticks, 48, 0, Times.Utc(2024, 3, 1), "GBPUSD"), header);
    }

    [Fact]
    public void RangeReadsAcrossMonthsAreHalfOpen()
    {
        var store = new TickStore(_root.Path);
        Tick[] ticks = TestTicks.Sequence(5_000, Times.Utc(2024, 1, 31, 23, 0), stepMs: 1_000);
        using (TickWriter writer = store.OpenWriter("EURUSD"))
        {
            foreach (Tick tick in ticks)
            {
                writer.Append(tick);
            }
        }

        long from = ticks[1000].TimeMs;
        long to = ticks[4000].TimeMs;
        Tick[] expected = [.. ticks.Where(t => t.TimeMs >= from && t.TimeMs < to)];
        Assert.Equal(expected, store.ReadAll("EURUSD", from, to));
        Assert.Equal(2, store.MonthFiles("EURUSD").Count);

        using TickRangeReader reader = store.OpenReader("EURUSD", from, to);
        var buffer = new Tick[777];
        var copied = new List<Tick>();
        int n;
        while ((n = reader.Read(buffer)) > 0)
        {
            copied.AddRange(buffer[..n]);
        }

        Assert.Equal(expected, copied);
    }

    [Fact]
    public void TicksInTheSameMillisecondGetIncreasingSequences()
    {
        var store = new TickStore(_root.Path);
        using TickWriter writer = store.OpenWriter("EURUSD");
        writer.Append(new Tick(Times.MondayMorning, 1.1, 1.1001));
        writer.Append(new Tick(Times.MondayMorning, 1.1001, 1.1002));
        writer.Append(new Tick(Times.MondayMorning, 1.1002, 1.1003));
        Assert.Equal(2, writer.LastSequence);
        writer.Append(new Tick(Times.MondayMorning + 1, 1.1, 1.1001));
        Assert.Equal(0, writer.LastSequence);
    }

    [Fact]
    public void AppendingBackInTimeIsRefusedWithTheFolderAndTimes()
    {
        var store = new TickStore(_root.Path);
        using TickWriter writer = store.OpenWriter("EURUSD");
        writer.Append(new Tick(Times.MondayMorning, 1.1, 1.1001));
        var error = Assert.Throws<ArgumentException>(() => writer.Append(new Tick(Times.MondayMorning - 1, 1.1, 1.1001)));
        Assert.Contains("EURUSD", error.Message, StringComparison.Ordinal);
        Assert.Contains("2024-03-04 09:59:59.999", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => writer.Append(new Tick(Times.MondayMorning, 1.1, 1.1001), sequence: 0));
    }

    [Fact]
    public void ASecondWriterForTheSameSymbolIsRefused()
    {
        var store = new TickStore(_root.Path);
        using TickWriter first = store.OpenWriter("EURUSD");
        var error = Assert.Throws<Releat.Checksums.WriterLockedException>(() => store.OpenWriter("EURUSD"));
        Assert.Contains("writer.lock", error.Message, StringComparison.Ordinal);
        Assert.Contains($"pid {Environment.ProcessId}", error.Message, StringComparison.Ordinal);
        using TickWriter other = store.OpenWriter("GBPUSD");
    }

    [Fact]
    public void AWriterReopenedContinuesAfterTheLastStoredTick()
    {
        var store = new TickStore(_root.Path);
        Tick[] ticks = TestTicks.Sequence(9_000, Times.MondayMorning);
        using (TickWriter writer = store.OpenWriter("EURUSD"))
        {
            foreach (Tick tick in ticks[..5000])
            {
                writer.Append(tick);
            }
        }

        using (TickWriter writer = store.OpenWriter("EURUSD"))
        {
            Assert.Equal(ticks[4999].TimeMs, writer.LastTimeMs);
            foreach (Tick tick in ticks[5000..])
            {
                writer.Append(tick);
            }
        }

        Assert.Equal(ticks, store.ReadAll("EURUSD"));
    }

    [Fact]
    public void ReadersSeeFlushedTicksWhileTheWriterIsOpen()
    {
        var store = new TickStore(_root.Path);
        using TickWriter writer = store.OpenWriter("EURUSD");
        Tick[] ticks = TestTicks.Sequence(100, Times.MondayMorning);
        foreach (Tick tick in ticks)
        {
            writer.Append(tick);
        }

        writer.Flush();
        Assert.Equal(ticks, store.ReadAll("EURUSD"));
    }

    [Theory]
    [InlineData("EUR/USD")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData("THIS_SYMBOL_NAME_IS_FAR_TOO_LONG_FOR_A_HEADER")]
    public void SymbolsThatCannotBeFolderNamesAreRefused(string symbol)
    {
        var store = new TickStore(_root.Path);
        Assert.ThrowsAny<ArgumentException>(() => store.OpenWriter(symbol));
    }

    [Fact]
    public void AFileOfAnotherKindIsRefusedNamingTheFile()
    {
        var store = new TickStore(_root.Path);
        using (TickWriter writer = store.OpenWriter("EURUSD"))
        {
            writer.Append(new Tick(Times.MondayMorning, 1.1, 1.1001));
        }

        string path = store.MonthFiles("EURUSD")[0];
        byte[] bytes = File.ReadAllBytes(path);
        new SeriesFileHeader(SeriesKind.Ticks, 48, 0, Times.Utc(2024, 3, 1), "GBPUSD").WriteTo(bytes);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<SeriesFileException>(() => store.ReadAll("EURUSD"));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("symbol GBPUSD, expected EURUSD", error.Message, StringComparison.Ordinal);
    }
}
