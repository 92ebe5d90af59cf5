using Releat.MarketData.Model;
using Releat.MarketData.Storage;

namespace Releat.MarketData.Tests.Storage;

/// <summary>What a crash can leave at the end of a month file, and that it never costs earlier ticks.</summary>
public sealed class TornTailTests : IDisposable
{
    private readonly TemporaryDirectory _root = new();
    private readonly Tick[] _ticks = TestTicks.Sequence(1_000, Times.MondayMorning);
    private readonly TickStore _store;
    private readonly string _file;

    public TornTailTests()
    {
        _store = new TickStore(_root.Path);
        using (TickWriter writer = _store.OpenWriter("EURUSD"))
        {
            foreach (Tick tick in _ticks)
            {
                writer.Append(tick);
            }
        }

        _file = _store.MonthFiles("EURUSD")[0];
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public void APartlyWrittenLastRecordIsIgnoredByReadersAndCutByTheWriter()
    {
        byte[] whole = File.ReadAllBytes(_file);
        File.WriteAllBytes(_file, whole[..^20]);

        Assert.Equal(_ticks[..^1], _store.ReadAll("EURUSD"));
        AssertWriterRecoversAndContinues(expectedDropped: 1, kept: _ticks.Length - 1);
    }

    [Fact]
    public void ZerosWhereTheLastRecordsShouldBeAreIgnored()
    {
        using (var stream = new FileStream(_file, FileMode.Append))
        {
            stream.Write(new byte[TickRecord.Size * 3]);
        }

        Assert.Equal(_ticks, _store.ReadAll("EURUSD"));
        AssertWriterRecoversAndContinues(expectedDropped: 3, kept: _ticks.Length);
    }

    [Fact]
    public void ALastRecordWithAFlippedByteFailsItsChecksum()
    {
        byte[] bytes = File.ReadAllBytes(_file);
        bytes[^30] ^= 0x40;
        File.WriteAllBytes(_file, bytes);

        Assert.Equal(_ticks[..^1], _store.ReadAll("EURUSD"));
        AssertWriterRecoversAndContinues(expectedDropped: 1, kept: _ticks.Length - 1);
    }

    [Fact]
    public void ATornHalfRecordAfterGoodOnesKeepsEverythingBefore()
    {
        byte[] garbage = new byte[TickRecord.Size / 2];
        Array.Fill(garbage, (byte)0xAB);
        using (var stream = new FileStream(_file, FileMode.Append))
        {
            stream.Write(garbage);
        }

        Assert.Equal(_ticks, _store.ReadAll("EURUSD"));
        AssertWriterRecoversAndContinues(expectedDropped: 1, kept: _ticks.Length);
    }

    private void AssertWriterRecoversAndContinues(long expectedDropped, int kept)
    {
        var next = new Tick(_ticks[^1].TimeMs + 1_000, 1.2, 1.2001);
        using (TickWriter writer = _store.OpenWriter("EURUSD"))
        {
            Assert.Equal(expectedDropped, writer.RecoveredTornRecords);
            Assert.Equal(_ticks[kept - 1].TimeMs, writer.LastTimeMs);
            writer.Append(next);
        }

        Assert.Equal([.. _ticks[..kept], next], _store.ReadAll("EURUSD"));
        Assert.Equal(SeriesFileHeader.Size + ((kept + 1) * TickRecord.Size), new FileInfo(_file).Length);
    }
}
