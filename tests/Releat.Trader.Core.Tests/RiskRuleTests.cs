using Releat.Trader.Core.Engine;
using Releat.Trader.Core.Risk;
using static Releat.Trader.Core.Tests.TradeSignals;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Tests;

public sealed class RiskRuleTests
{
    [Fact]
    public async Task Staleness_is_judged_by_the_market_clock_not_the_machine_clock()
    {
        using var trader = new TraderHarness();
        await trader.StartAsync();

        // 2024 is long ago by the machine's clock, but the market says this decision is 2 s old: acted on.
        var fresh = await trader.HandleAsync(Nth(1, OpenLong1), delayMs: 2_000);
        // The market is 6 s past this one's decision time, beyond the agent's 5 s: stale.
        var stale = await trader.HandleAsync(Nth(2, CloseLong1), delayMs: 6_000);

        Assert.Equal(SignalOutcomeKind.Acted, fresh.Kind);
        Assert.Equal(SignalOutcomeKind.Rejected, stale.Kind);
        Assert.Equal(RejectReasons.Stale, stale.Reason);
        Assert.Single(trader.Broker.Executed);
    }

    [Fact]
    public async Task Signal_before_any_market_time_is_refused()
    {
        using var trader = new TraderHarness();
        await trader.Engine.StartAsync();

        var outcome = await trader.Engine.HandleAsync(Nth(1, OpenLong1), "0-1");

        Assert.Equal(RejectReasons.NoMarketTime, outcome.Reason);
    }

    [Fact]
    public async Task Lots_are_units_times_the_agents_lot_size_per_unit()
    {
        using var trader = new TraderHarness(agents: TraderHarness.Agent("t1", lotSizePerUnit: 0.03));
        await trader.StartAsync();

        await trader.HandleAsync(Nth(1, OpenShort2));

        var position = Assert.Single(trader.Broker.OpenPositions());
        Assert.Equal(0.06, position.Volume, 10);
        Assert.Equal(V1.PositionDirection.Short, position.Direction);
        Assert.Equal(-0.06, trader.Engine.Status.Agents[0].PositionVolume, 10);
    }

    [Fact]
    public async Task Size_scales_with_equity_and_inversely_with_volatility_within_bounds()
    {
        var risk = new RiskSettings { ReferenceEquity = 5_000, TargetVolatilityPerMinute = 0.0002, MinSizeScale = 0.25, MaxSizeScale = 3 };
        using var trader = new TraderHarness(() => new TraderEngineOptions { Risk = risk }, TraderHarness.Agent("t1", lotSizePerUnit: 0.1));
        await trader.StartAsync();
        // One-minute mids alternating ±0.04 %: σ of log returns ≈ 0.0004, twice the target.
        for (int minute = 0; minute <= 30; minute++)
        {
            double mid = minute % 2 == 0 ? 1.1000 : 1.1000 * 1.0004;
            trader.Market.OnTick("EURUSD", new MarketData.Model.Tick(Start - ((31 - minute) * 60_000L), mid - 0.00005, mid + 0.00005));
        }

        await trader.HandleAsync(Nth(1, OpenLong1));

        // equity 10,000 / 5,000 = 2; target 0.0002 / σ 0.0004 = 0.5; 0.1 lots x 1.0 = 0.1.
        Assert.Equal(0.1, Assert.Single(trader.Broker.OpenPositions()).Volume, 2);
        var sizer = new PositionSizer(risk);
        Assert.Equal(3, sizer.Scale(equity: 100_000, volatilityPerMinute: 0.0002));
        Assert.Equal(0.25, sizer.Scale(equity: 100, volatilityPerMinute: 0.0002));
        Assert.Equal(2, sizer.Scale(equity: 10_000, volatilityPerMinute: double.NaN));
    }

    [Fact]
    public async Task Max_position_in_units_cuts_an_order_to_what_is_left_and_refuses_beyond()
    {
        using var trader = new TraderHarness();
        await trader.StartAsync();

        await trader.HandleAsync(Nth(1, OpenLong1));
        var cut = await trader.HandleAsync(Nth(2, OpenLong2, assumedLots: 0.01));
        var refused = await trader.HandleAsync(Nth(3, OpenLong1, assumedLots: 0.02));

        Assert.Equal(SignalOutcomeKind.Acted, cut.Kind);
        Assert.Equal(0.01, Assert.Single(cut.Orders).FilledVolume, 10);
        Assert.Equal(RejectReasons.MaxPosition, refused.Reason);
        Assert.Equal(0.02, trader.Engine.Status.Agents[0].PositionVolume, 10);
    }

    [Fact]
    public async Task Lots_per_symbol_and_total_lots_are_capped_over_all_agents()
    {
        var risk = new RiskSettings { MaxLotsPerSymbol = 0.03, MaxTotalLots = 0.04 };
        using var trader = new TraderHarness(
            () => new TraderEngineOptions { Risk = risk }, TraderHarness.Agent("a"), TraderHarness.Agent("b"), TraderHarness.Agent("c"));
        await trader.StartAsync();

        await trader.HandleAsync(Nth(1, OpenLong2, "a"));
        var symbolCap = await trader.HandleAsync(Nth(1, OpenShort2, "b"));
        var withinSymbol = await trader.HandleAsync(Nth(2, OpenShort1, "b"));

        Assert.Equal(RejectReasons.MaxSymbolLots, symbolCap.Reason);
        Assert.Equal(SignalOutcomeKind.Acted, withinSymbol.Kind);

        risk.MaxLotsPerSymbol = 0;
        await trader.HandleAsync(Nth(3, OpenLong1, "c"));
        var totalCap = await trader.HandleAsync(Nth(4, OpenLong1, "c", assumedLots: 0.01));
        Assert.Equal(RejectReasons.MaxTotalLots, totalCap.Reason);
        Assert.Equal(0.04, trader.Engine.Status.TotalExposureLots, 10);
    }

    [Fact]
    public async Task Agent_daily_loss_limit_flattens_the_agent_and_stops_it_until_the_next_utc_day()
    {
        using var trader = new TraderHarness(agents: TraderHarness.Agent("t1", lotSizePerUnit: 1, dailyLossLimit: 100));
        await trader.StartAsync();
        await trader.HandleAsync(Nth(1, OpenLong1));

        trader.Broker.Price -= 0.0011; // 11 pips on 1 lot: -110
        var refused = await trader.HandleAsync(Nth(2, OpenLong1, assumedLots: 1));

        Assert.Equal(RejectReasons.DailyLossLimit, refused.Reason);
        Assert.Empty(trader.Broker.OpenPositions());
        Assert.Contains(trader.ReadJournal(), e => e is { Kind: "agent_paused", Agent: "t1" });
        Assert.Equal(-110, trader.Engine.AgentDailyPnl()["t1"], 6);

        // Next UTC day: trading again.
        var nextDay = await trader.HandleAsync(At(Start + MarketData.Time.UtcTime.MsPerDay, OpenLong1));
        Assert.Equal(SignalOutcomeKind.Acted, nextDay.Kind);
    }

    [Fact]
    public async Task Realised_loss_in_a_venues_close_result_fires_the_agent_daily_loss_limit_with_nothing_floating()
    {
        // The MT5 venue reports a close's realised profit (with swap) and commission on the result, as this
        // gateway does: the daily P&L must count it even when no position is left to float.
        using var trader = new TraderHarness(agents: TraderHarness.Agent("t1", lotSizePerUnit: 1, dailyLossLimit: 100));
        await trader.StartAsync();
        await trader.HandleAsync(Nth(1, OpenLong1));
        trader.Broker.Price -= 0.0011; // 11 pips on 1 lot, realised at the close: -110
        await trader.HandleAsync(Nth(2, CloseLong1, assumedLots: 1));
        trader.Broker.Price += 0.0011;

        var refused = await trader.HandleAsync(Nth(3, OpenLong1));

        Assert.Empty(trader.Broker.OpenPositions());
        Assert.Equal(-110, trader.Engine.AgentDailyPnl()["t1"], 6);
        Assert.Equal(RejectReasons.DailyLossLimit, refused.Reason);
    }

    [Fact]
    public async Task Account_daily_loss_limit_flattens_every_agent_and_pauses_until_the_next_day()
    {
        var risk = new RiskSettings { AccountDailyLossLimit = 50 };
        using var trader = new TraderHarness(
            () => new TraderEngineOptions { Risk = risk },
            TraderHarness.Agent("a", lotSizePerUnit: 0.5, dailyLossLimit: 0), TraderHarness.Agent("b", lotSizePerUnit: 0.5, dailyLossLimit: 0));
        await trader.StartAsync();
        await trader.HandleAsync(Nth(1, OpenLong1, "a"));
        await trader.HandleAsync(Nth(1, OpenLong1, "b"));

        trader.Broker.Price -= 0.0006; // 1 lot x 6 pips = -60
        var refused = await trader.HandleAsync(Nth(2, Hold, "a", assumedLots: 0.5));

        Assert.Equal(RejectReasons.Paused, refused.Reason);
        Assert.Empty(trader.Broker.OpenPositions());
        Assert.True(trader.Engine.Status.Paused);
        Assert.Contains("account daily loss limit", trader.Engine.Status.PauseReason, StringComparison.Ordinal);

        var nextDay = await trader.HandleAsync(At(Start + MarketData.Time.UtcTime.MsPerDay, OpenLong1, "a"));
        Assert.Equal(SignalOutcomeKind.Acted, nextDay.Kind);
        Assert.False(trader.Engine.Status.Paused);
    }

    [Fact]
    public async Task A_broker_reporting_an_unknown_equity_is_journaled_and_the_trader_goes_on_after_a_restart()
    {
        var risk = new RiskSettings { AccountDailyLossLimit = 50 };
        using var trader = new TraderHarness(() => new TraderEngineOptions { Risk = risk });
        await trader.StartAsync();
        await trader.HandleAsync(Nth(1, OpenLong1));

        // A venue that cannot price the open position: equity NaN when the next UTC day starts.
        trader.Broker.Price = double.NaN;
        var nextDay = await trader.HandleAsync(At(Start + MarketData.Time.UtcTime.MsPerDay, CloseLong1, assumedLots: 0.01));
        trader.Restart();
        await trader.Engine.StartAsync();

        Assert.NotEqual(RejectReasons.Paused, nextDay.Reason); // an unknown loss never fires the account limit
        var day = trader.ReadJournal().Last(e => e.Kind == Journal.JournalKinds.Day);
        Assert.True(double.IsNaN(day.Equity!.Value));
        Assert.False(trader.Engine.Status.Paused);
    }

    [Fact]
    public async Task Kill_switch_flattens_refuses_signals_and_resuming_until_released()
    {
        using var trader = new TraderHarness();
        await trader.StartAsync();
        await trader.HandleAsync(Nth(1, OpenLong2));

        await trader.Engine.EngageKillSwitchAsync("test");
        var refused = await trader.HandleAsync(Nth(2, OpenLong1));

        Assert.Empty(trader.Broker.OpenPositions());
        Assert.Equal(RejectReasons.KillSwitch, refused.Reason);
        Assert.True(trader.Engine.Status.KillSwitch);
        await Assert.ThrowsAsync<InvalidOperationException>(() => trader.Engine.ResumeAsync());

        // A restart keeps it engaged: it is in the journal.
        trader.Restart();
        await trader.StartAsync();
        Assert.True(trader.Engine.Status.KillSwitch);

        await trader.Engine.ReleaseKillSwitchAsync();
        await trader.Engine.ResumeAsync();
        Assert.Equal(SignalOutcomeKind.Acted, (await trader.HandleAsync(Nth(3, OpenLong1))).Kind);
    }

    [Fact]
    public async Task Kill_switch_file_engages_the_switch_at_the_next_check()
    {
        string file = Path.Combine(Path.GetTempPath(), "releat-kill-" + Guid.NewGuid().ToString("N"));
        using var trader = new TraderHarness(() => new TraderEngineOptions { KillSwitchFile = file, Risk = new RiskSettings { RefreshInterval = TimeSpan.Zero } });
        await trader.StartAsync();
        await trader.HandleAsync(Nth(1, OpenLong1));

        await File.WriteAllTextAsync(file, "stop");
        try
        {
            await trader.Engine.CheckAsync();
            Assert.True(trader.Engine.Status.KillSwitch);
            Assert.Empty(trader.Broker.OpenPositions());
            await Assert.ThrowsAsync<InvalidOperationException>(() => trader.Engine.ReleaseKillSwitchAsync());
        }
        finally
        {
            File.Delete(file);
        }

        await trader.Engine.ReleaseKillSwitchAsync();
        Assert.False(trader.Engine.Status.KillSwitch);
    }

    [Fact]
    public async Task Pause_refuses_signals_and_keeps_positions_and_flatten_all_closes_them_and_pauses()
    {
        using var trader = new TraderHarness();
        await trader.StartAsync();
        await trader.HandleAsync(Nth(1, OpenLong1));

        await trader.Engine.PauseAsync("lunch");
        Assert.Equal(RejectReasons.Paused, (await trader.HandleAsync(Nth(2, CloseLong1, assumedLots: 0.01))).Reason);
        Assert.Single(trader.Broker.OpenPositions());
        await trader.Engine.ResumeAsync();

        var closed = await trader.Engine.FlattenAllAsync("end of test");

        Assert.Equal(V1.OrderState.Filled, Assert.Single(closed).State);
        Assert.StartsWith("t1-F", closed[0].ClientOrderId, StringComparison.Ordinal);
        Assert.Empty(trader.Broker.OpenPositions());
        Assert.True(trader.Engine.Status.Paused);
        Assert.Equal("end of test", trader.Engine.Status.PauseReason);
    }
}
