using Releat.Agents.Config;
using Releat.MarketData.Time;

namespace Releat.Trading.Tests;

public sealed class ForcedCloseTests
{
    [Fact]
    public void After_the_maximum_hold_only_the_full_close_is_allowed_and_the_trade_says_why()
    {
        var driver = new Driver(new HandmadeMarket(TestAgent.Load(maxHold: "1m"), 50).Environment());
        driver.Step(ActionTable.OpenShort(2));
        driver.Hold(4);   // held 50 s
        Assert.Equal(ExitReason.None, driver.Env.ForcedExit);
        Assert.Equal([0, ActionTable.CloseShort(1), ActionTable.CloseShort(2)], driver.Allowed());

        driver.Hold(1);   // held 60 s
        Assert.Equal([ActionTable.CloseShort(2)], driver.Allowed());
        driver.Step(ActionTable.CloseShort(2));
        Assert.Equal(ExitReason.MaxHold, Assert.Single(driver.Trades).Reason);
    }

    [Fact]
    public void A_long_is_stopped_at_the_stop_level_in_the_first_window_that_reaches_it()
    {
        var market = new HandmadeMarket(TestAgent.Load(stopPips: 10, commissionPips: 0.5, scaling: 0.1), 50);
        market.Windows[0] = new Features.Drivers.ExecutionRange(1.0999, 1.0999, 1.1001, 1.1001);   // buy at 1.1001: stop at 1.0991
        market.Windows[3] = new Features.Drivers.ExecutionRange(1.0985, 1.0995, 1.0986, 1.0996);   // the bid range crosses it
        var driver = new Driver(market.Environment());
        driver.Step(ActionTable.OpenLong(2));
        double entry = driver.Env.Position.EntryPrice;
        driver.Hold(2);
        Assert.Equal(2, driver.Env.Position.Units);

        var outcome = driver.Step(ActionTable.HoldIndex);   // row 3

        TradeRecord trade = Assert.Single(driver.Trades);
        Assert.Equal(ExitReason.Stop, trade.Reason);
        Assert.Equal(entry - (10 * HandmadeMarket.Pip), trade.ExitPrice, 12);
        Assert.Equal(2 * (-10 - 0.5), trade.NetPips, 9);
        Assert.Equal((float)(2 * (-10 - 0.5) * 0.1), outcome.Reward, 5);
        Assert.True(driver.Env.Position.IsFlat);
    }

    [Fact]
    public void A_short_gapping_through_its_stop_fills_inside_the_window_not_at_the_level()
    {
        var market = new HandmadeMarket(TestAgent.Load(stopPips: 10), 50);
        market.Windows[2] = HandmadeMarket.Window(30);      // ask range +30.5..+31.5: wholly beyond the stop
        var driver = new Driver(market.Environment());
        driver.Step(ActionTable.OpenShort(1));
        driver.Hold(2);

        TradeRecord trade = Assert.Single(driver.Trades);
        Assert.Equal(ExitReason.Stop, trade.Reason);
        Assert.Equal(HandmadeMarket.Base + (31 * HandmadeMarket.Pip), trade.ExitPrice, 12);
    }

    [Fact]
    public void The_window_a_position_opens_in_does_not_stop_it()
    {
        var market = new HandmadeMarket(TestAgent.Load(stopPips: 1), 50);
        market.Windows[0] = new Features.Drivers.ExecutionRange(1.0990, 1.1000, 1.1001, 1.1011);   // 10-pip ranges
        var driver = new Driver(market.Environment());
        driver.Step(ActionTable.OpenLong(1));

        Assert.Empty(driver.Trades);
        Assert.Equal(1, driver.Env.Position.Units);
    }

    [Fact]
    public void Positions_close_before_the_weekend_and_none_open_in_the_margin()
    {
        long friday = UtcTime.FromParts(2024, 1, 12, 21, 40, 3, 0);   // the forex week closes at 22:00
        var driver = new Driver(new HandmadeMarket(TestAgent.Load(closeBeforeWeekend: "15m"), 60, friday).Environment());
        driver.Step(ActionTable.OpenLong(1));
        while (driver.Env.TimeMs < friday + (5 * UtcTime.MsPerMinute) - 10_000)
        {
            Assert.Contains(ActionTable.HoldIndex, driver.Allowed());
            driver.Hold(1);
        }

        Assert.Equal(UtcTime.FromParts(2024, 1, 12, 21, 45, 3, 0) - 10_000, driver.Env.TimeMs);
        driver.Hold(1);   // 21:45:03: 14 min 57 s before the close
        Assert.Equal([ActionTable.CloseLong(1)], driver.Allowed());
        driver.Step(ActionTable.CloseLong(1));
        Assert.Equal(ExitReason.Weekend, Assert.Single(driver.Trades).Reason);
        Assert.Equal([ActionTable.HoldIndex], driver.Allowed());
    }

    [Fact]
    public void A_configured_session_end_closes_positions_and_no_position_opens_outside_the_sessions()
    {
        AgentConfig config = TestAgent.Load(closeBeforeSessionEnd: "1m", sessions: "[{ name: london, days: [mon, tue, wed, thu, fri], hours: \"07:00-20:00\" }]");
        long beforeEnd = UtcTime.FromParts(2024, 1, 8, 19, 57, 3, 0);
        var driver = new Driver(new HandmadeMarket(config, 60, beforeEnd).Environment());
        driver.Step(ActionTable.OpenShort(1));
        driver.Hold(11);   // 19:59:03, 57 s before 20:00

        Assert.Equal([ActionTable.CloseShort(1)], driver.Allowed());
        driver.Step(ActionTable.CloseShort(1));
        Assert.Equal(ExitReason.SessionEnd, Assert.Single(driver.Trades).Reason);
        driver.Hold(10);  // 20:01:03, after the session
        Assert.Equal([ActionTable.HoldIndex], driver.Allowed());
    }

    [Fact]
    public void The_last_decision_of_an_episode_only_closes_and_opens_nothing()
    {
        var driver = new Driver(new HandmadeMarket(TestAgent.Load(), 50).Environment(), startRow: 10, endRow: 15);
        driver.Step(ActionTable.OpenLong(2));
        driver.Hold(3);   // row 14 is the last

        Assert.Equal([ActionTable.CloseLong(2)], driver.Allowed());
        var outcome = driver.Step(ActionTable.CloseLong(2));
        Assert.True(outcome.Truncated);
        Assert.False(outcome.Terminated);
        Assert.Equal(ExitReason.EndOfData, Assert.Single(driver.Trades).Reason);

        var flat = new Driver(new HandmadeMarket(TestAgent.Load(), 50).Environment(), startRow: 10, endRow: 15);
        flat.Hold(4);
        Assert.Equal([ActionTable.HoldIndex], flat.Allowed());
    }
}
