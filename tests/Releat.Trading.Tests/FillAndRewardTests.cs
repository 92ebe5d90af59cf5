using Releat.Features.Drivers;
using Releat.Learning.Environments;

namespace Releat.Trading.Tests;

public sealed class FillAndRewardTests
{
    private const double Pip = HandmadeMarket.Pip;

    [Fact]
    public void Longs_open_at_the_ask_and_close_at_the_bid_shorts_the_other_way_round_each_inside_the_window()
    {
        var market = new HandmadeMarket(TestAgent.Load(commissionPips: 0), 400);
        var driver = new Driver(market.Environment(seed: 7));
        for (int i = 0; i < 100; i++)
        {
            bool longSide = i % 2 == 0;
            int row = driver.Env.Row;
            driver.Step(longSide ? ActionTable.OpenLong(1) : ActionTable.OpenShort(1));
            ExecutionRange open = market.Windows[row];
            double entry = driver.Env.Position.EntryPrice;
            Assert.InRange(entry, longSide ? open.AskLow : open.BidLow, longSide ? open.AskHigh : open.BidHigh);

            driver.Step(longSide ? ActionTable.CloseLong(1) : ActionTable.CloseShort(1));
            ExecutionRange close = market.Windows[row + 1];
            TradeRecord trade = driver.Trades[^1];
            Assert.InRange(trade.ExitPrice, longSide ? close.BidLow : close.AskLow, longSide ? close.BidHigh : close.AskHigh);
        }

        // Draws spread over the range (seeded): not always the same corner.
        double[] entries = [.. driver.Trades.Select(t => t.EntryPrice)];
        Assert.True(entries.Distinct().Count() > 50);
        Assert.All(driver.Trades, t => Assert.True(t.NetPips < 0, "with flat prices every round turn pays the spread"));
    }

    [Fact]
    public void Fills_are_the_same_for_the_same_seed_and_differ_for_another()
    {
        double[] Entries(ulong seed)
        {
            var driver = new Driver(new HandmadeMarket(TestAgent.Load(), 100).Environment(seed: seed));
            for (int i = 0; i < 20; i++)
            {
                driver.Step(ActionTable.OpenLong(1));
                driver.Step(ActionTable.CloseLong(1));
            }

            return [.. driver.Trades.Select(t => t.EntryPrice)];
        }

        Assert.Equal(Entries(3), Entries(3));
        Assert.NotEqual(Entries(3), Entries(4));
    }

    [Fact]
    public void The_close_pays_pips_less_commission_times_units_scaled()
    {
        var market = new HandmadeMarket(TestAgent.Load(commissionPips: 0.7, scaling: 0.1), 50);
        // Degenerate windows pin the fills: buy at 1.10005, sell 20 pips higher at 1.10205.
        market.Windows[0] = new ExecutionRange(1.1, 1.1, 1.10005, 1.10005);
        market.Windows[2] = new ExecutionRange(1.10205, 1.10205, 1.1021, 1.1021);
        var driver = new Driver(market.Environment());

        Assert.Equal(0f, driver.Step(ActionTable.OpenLong(2)).Reward);
        Assert.Equal(0f, driver.Step(ActionTable.HoldIndex).Reward);
        StepOutcome close = driver.Step(ActionTable.CloseLong(2));

        TradeRecord trade = Assert.Single(driver.Trades);
        Assert.Equal(20, trade.PipsPerUnit, 9);
        Assert.Equal(2 * (20 - 0.7), trade.NetPips, 9);
        Assert.Equal((float)(2 * (20 - 0.7) * 0.1), close.Reward, 5);
        Assert.Equal(ExitReason.Agent, trade.Reason);
        Assert.Equal(trade.NetPips, driver.Env.RealisedPips, 9);
    }

    [Fact]
    public void Rewards_are_clipped_at_the_configured_bound()
    {
        var market = new HandmadeMarket(TestAgent.Load(stopPips: 500, scaling: 1, clip: 5), 50);
        market.Windows[1] = HandmadeMarket.Window(100);
        var driver = new Driver(market.Environment());
        driver.Step(ActionTable.OpenLong(1));

        Assert.Equal(5f, driver.Step(ActionTable.CloseLong(1)).Reward);
        Assert.True(driver.Trades[0].NetPips > 90);
    }

    [Fact]
    public void A_partial_close_realises_its_units_and_keeps_the_rest_at_the_same_entry()
    {
        var market = new HandmadeMarket(TestAgent.Load(commissionPips: 0), 50);
        market.Windows[1] = HandmadeMarket.Window(5);
        var driver = new Driver(market.Environment());
        driver.Step(ActionTable.OpenShort(2));
        AgentPosition opened = driver.Env.Position;

        driver.Step(ActionTable.CloseShort(1));

        Assert.Equal(-1, Assert.Single(driver.Trades).Units);
        Assert.Equal(opened with { Units = -1 }, driver.Env.Position);
    }

    [Fact]
    public void Mark_to_market_rewards_add_up_to_the_same_as_rewards_at_the_close()
    {
        var market = new HandmadeMarket(TestAgent.Load(commissionPips: 0.3, scaling: 0.5, stopPips: 1000), 60);
        var random = new Random(5);
        for (int r = 0; r < 60; r++)
        {
            market.Windows[r] = HandmadeMarket.Window(random.Next(-20, 20));
        }

        double Sum(bool markToMarket)
        {
            var driver = new Driver(market.Environment(new TradingEnvironmentOptions { MarkToMarketReward = markToMarket }, seed: 9));
            double total = 0;
            for (int i = 0; i < 10; i++)
            {
                total += driver.Step(i % 2 == 0 ? ActionTable.OpenLong(2) : ActionTable.OpenShort(1)).Reward;
                total += driver.Step(ActionTable.HoldIndex).Reward;
                total += driver.Step(ActionTable.HoldIndex).Reward;
                total += driver.Step(i % 2 == 0 ? ActionTable.CloseLong(2) : ActionTable.CloseShort(1)).Reward;
            }

            return total;
        }

        double atClose = Sum(false);
        Assert.NotEqual(0, atClose);
        Assert.Equal(atClose, Sum(true), 3);
    }
}
