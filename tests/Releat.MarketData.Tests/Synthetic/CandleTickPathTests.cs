using Releat.MarketData.Model;
using Releat.MarketData.Synthetic;

namespace Releat.MarketData.Tests.Synthetic;

public sealed class CandleTickPathTests
{
    private readonly SymbolSpec _eurusd = SymbolCatalog.Defaults["EURUSD"];

    [Fact]
    public void AFallingBidCandleVisitsTheHighFirstAndAddsTheSpreadForTheAsk()
    {
        var candle = new Candle(Times.MondayMorning, 1.1010, 1.1020, 1.0990, 1.1000, 100, 0, SpreadPoints: 4);
        var ticks = new Tick[4];
        CandleTickPath.Expand(candle, Timeframe.M1, PriceSide.Bid, _eurusd, defaultSpreadPoints: 10, ticks);

        Assert.Equal([1.1010, 1.1020, 1.0990, 1.1000], ticks.Select(t => t.Bid));
        Assert.Equal([1.10104, 1.10204, 1.09904, 1.10004], ticks.Select(t => t.Ask));
        Assert.Equal([0L, 20_000L, 40_000L, 59_999L], ticks.Select(t => t.TimeMs - Times.MondayMorning));
    }
}
