using Releat.MarketData.Model;
using Releat.MarketData.Storage;

namespace Releat.MarketData.Tests.Storage;

/// <summary>Months the writer has moved past are fsynced first, so readers trust them after a last-record check.</summary>
public sealed class SealedMonthTests : IDisposable
{
    private readonly TemporaryDirectory _root = new();
    private readonly TickStore _store;
    private readonly Tick[] _ticks = TestTicks.Sequence(4_000, Times.Utc(2024, 2, 29, 23, 50), stepMs: 500);

    public SealedMonthTests()
    {
        _store = new TickStore(_root.Path);
        using TickWriter writer = _store.OpenWriter("EURUSD");
        foreach (Tick tick in _ticks)
        {
            writer.Append(tick);
        }
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public void AnOpenMonthAnswersManyRangesFromOneMapping()
    {
        using SeriesFile<TickRecord> march = _store.OpenMonth("EURUSD", Times.Utc(2024, 3, 15))!;
        long from = Times.Utc(2024, 3, 1, 0, 1);
        long to = Times.Utc(2024, 3, 1, 0, 2);

        Assert.Equal(_ticks.Where(t => t.TimeMs >= from && t.TimeMs < to), march.Range(from, to).ToArray().Select(r => r.Tick));
        Assert.Equal(_ticks.Count(t => t.TimeMs >= Times.Utc(2024, 3, 1)), march.Count);
        Assert.Null(_store.OpenMonth("EURUSD", Times.Utc(2024, 5, 1)));
    }

    [Fact]
    public void ASealedMonthWhoseLastRecordIsDamagedGetsTheFullCheck()
    {
        string february = _store.MonthFiles("EURUSD")[0];
        byte[] bytes = File.ReadAllBytes(february);
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(february, bytes);

        using SeriesFile<TickRecord> file = _store.OpenMonth("EURUSD", Times.Utc(2024, 2, 29))!;
        int inFebruary = _ticks.Count(t => t.TimeMs < Times.Utc(2024, 3, 1));
        Assert.Equal((inFebruary - 1, 1), (file.Count, file.IgnoredTailRecords));
        Assert.Equal(_ticks.Length - 1, _store.ReadAll("EURUSD").Length);
    }
}
