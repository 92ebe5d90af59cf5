using Releat.Trader.Core.Engine;
using Releat.Trader.Core.Risk;

namespace Releat.Trader.Core.Tests;

/// <summary>
/// With a signal refresh age, the trader re-reads positions and the account between signals (at half that age), so
/// a signal finds a young enough view and goes to the gateway with its order only: two round trips fewer on the way
/// from tick to order.
/// </summary>
public sealed class RefreshBetweenSignalsTests
{
    [Fact]
    public async Task Checks_between_signals_refresh_at_half_the_signal_age_and_a_signal_then_sends_only_its_order()
    {
        var wall = new ManualWallClock();
        using var trader = new TraderHarness(() => new TraderEngineOptions
        {
            WallClock = wall,
            Risk = new RiskSettings { RefreshInterval = TimeSpan.FromSeconds(2), SignalRefreshAge = TimeSpan.FromSeconds(1) },
        });
        await trader.StartAsync();
        int afterStart = trader.Broker.Calls;

        wall.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Equal(TimeSpan.FromMilliseconds(100), trader.Engine.UntilNextCheck);
        await trader.Engine.CheckAsync();
        Assert.Equal(afterStart, trader.Broker.Calls);

        wall.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(TimeSpan.Zero, trader.Engine.UntilNextCheck);
        await trader.Engine.CheckAsync();
        Assert.Equal(afterStart + 2, trader.Broker.Calls);
        Assert.Equal(TimeSpan.FromMilliseconds(500), trader.Engine.UntilNextCheck);

        wall.Advance(TimeSpan.FromMilliseconds(400));
        var outcome = await trader.HandleAsync(TradeSignals.Nth(1, action: 1));

        Assert.Equal(SignalOutcomeKind.Acted, outcome.Kind);
        Assert.Equal(afterStart + 3, trader.Broker.Calls);
    }

    [Fact]
    public async Task Without_a_signal_refresh_age_checks_keep_the_refresh_interval()
    {
        var wall = new ManualWallClock();
        using var trader = new TraderHarness(() => new TraderEngineOptions
        {
            WallClock = wall,
            Risk = new RiskSettings { RefreshInterval = TimeSpan.FromSeconds(2) },
        });
        await trader.StartAsync();
        int afterStart = trader.Broker.Calls;

        wall.Advance(TimeSpan.FromMilliseconds(1_500));
        await trader.Engine.CheckAsync();
        Assert.Equal(afterStart, trader.Broker.Calls);
        Assert.Equal(TimeSpan.FromMilliseconds(500), trader.Engine.UntilNextCheck);

        wall.Advance(TimeSpan.FromMilliseconds(500));
        await trader.Engine.CheckAsync();
        Assert.Equal(afterStart + 2, trader.Broker.Calls);
    }

    /// <summary>A wall clock the test moves; timestamps in ticks.</summary>
    private sealed class ManualWallClock : TimeProvider
    {
        private long _ticks = new DateTimeOffset(2024, 1, 8, 9, 0, 0, TimeSpan.Zero).UtcTicks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public override DateTimeOffset GetUtcNow() => new(_ticks, TimeSpan.Zero);

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
