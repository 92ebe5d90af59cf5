using Releat.MarketData.Import;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;

namespace Releat.MarketData.Tests.Import;

public sealed class Mt5CandleImportTests : IDisposable
{
    private const string Header = "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>";
    private readonly TemporaryDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void CandlesAreStoredWithTickVolumeAndSpread()
    {
        var store = new CandleStore(_root.Path);
        string path = _root.Write("m1.csv", string.Join('\n',
            Header,
            "2024.03.04\t10:00:00\t1.08500\t1.08520\t1.08490\t1.08510\t123\t0\t2",
            "2024.03.04\t10:01\t1.08510\t1.08530\t1.08505\t1.08525\t98\t0\t3",
            "2024.03.04\t10:02:00\t1.08525\t1.08500\t1.08530\t1.08510\t50\t0\t2", // high below low
            "2024.03.04\t10:03:00\t1.08525\t1.08540\t1.08520\t1.08530\tmany\t0\t2",
            "2024.03.04\t10:01:00\t1.08510\t1.08530\t1.08505\t1.08525\t98\t0\t3")); // same time as line 3

        ImportReport report;
        using (CandleWriter writer = store.OpenWriter("EURUSD", Timeframe.M1))
        {
            report = new Mt5CandleImporter().Import(path, writer);
        }

        Assert.Equal(2, report.Stored);
        Assert.Equal(
            [(4L, RejectReason.InconsistentCandle), (5L, RejectReason.BadNumber), (6L, RejectReason.Duplicate)],
            report.Errors.Select(e => (e.Line, e.Reason)));
        Assert.Equal(
            [
                new Candle(Times.Utc(2024, 3, 4, 10), 1.085, 1.0852, 1.0849, 1.0851, 123, 0, 2),
                new Candle(Times.Utc(2024, 3, 4, 10, 1), 1.0851, 1.0853, 1.08505, 1.08525, 98, 0, 3),
            ],
            store.ReadAll("EURUSD", Timeframe.M1));
    }
}
