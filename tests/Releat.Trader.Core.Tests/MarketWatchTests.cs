using Releat.MarketData.Model;
using Releat.Trader.Core.Market;
using Releat.Trader.Core.Risk;

namespace Releat.Trader.Core.Tests;

public sealed class MarketWatchTests
{
    [Fact]
    public void Market_clock_is_the_latest_tick_and_never_goes_back()
    {
        var market = new MarketWatch();
        Assert.Null(market.NowMs);

        market.OnTick("EURUSD", new Tick(2_000, 1.1, 1.1001));
        market.OnTick("GBPUSD", new Tick(1_500, 1.3, 1.3001));
        market.Advance(1_000);

        Assert.Equal(2_000, market.NowMs);
        Assert.True(market.TryGetLast("GBPUSD", out var last));
        Assert.Equal(1.3, last.Bid);
    }

    [Fact]
    public void Volatility_is_the_ewma_of_one_minute_log_returns_once_warmed_up()
    {
        var estimate = new VolatilityEstimate(halfLifeMinutes: 10, warmupMinutes: 5);
        double mid = 1.0;
        for (int minute = 0; minute < 5; minute++)
        {
            estimate.OnPrice(minute * 60_000L, mid);
            estimate.OnPrice((minute * 60_000L) + 30_000, mid * 2); // within the minute: ignored
            mid *= Math.Exp(0.001);
        }

        Assert.True(double.IsNaN(estimate.PerMinute));
        estimate.OnPrice(5 * 60_000L, mid);
        // Every return is exactly 0.001, so the weighted average of their squares is 0.001².
        Assert.Equal(0.001, estimate.PerMinute, 12);
    }

    [Fact]
    public void Sizes_round_down_to_the_volume_step_and_vanish_below_the_minimum()
    {
        var spec = SymbolCatalog.Defaults["EURUSD"];
        var sizer = new PositionSizer(new RiskSettings { ReferenceEquity = 10_000, MinSizeScale = 0.1, MaxSizeScale = 2 });

        Assert.Equal(0.03, sizer.LotsToOpen(3, 0.01, equity: 10_000, double.NaN, spec), 10);
        Assert.Equal(0.01, sizer.LotsToOpen(1, 0.01, equity: 19_999, double.NaN, spec), 10);
        Assert.Equal(0, sizer.LotsToOpen(1, 0.01, equity: 5_000, double.NaN, spec));
        Assert.Equal(spec.VolumeMax, sizer.LotsToOpen(10_000, 1, equity: 10_000, double.NaN, spec));
    }
}
