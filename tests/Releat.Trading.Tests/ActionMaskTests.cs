using Releat.Agents.Config;

namespace Releat.Trading.Tests;

public sealed class ActionMaskTests
{
    private static readonly int[] Hold = [ActionTable.HoldIndex];

    [Fact]
    public void The_action_table_follows_the_config_order_and_count()
    {
        AgentConfig config = TestAgent.Load(maxUnits: 2);
        var table = ActionTable.For(config.Environment.Actions);

        Assert.Equal(config.Environment.Actions.Count, table.Count);
        Assert.Equal(9, table.Count);
        Assert.Equal(config.Environment.Actions.Actions.Select(a => a.Name), Enumerable.Range(0, table.Count).Select(table.Name));
        Assert.Equal(new TradeAction(AgentActionKind.CloseShort, 2), table[ActionTable.CloseShort(2)]);
    }

    [Fact]
    public void Flat_allows_hold_and_opening_any_size_on_either_side_but_no_close()
    {
        var driver = new Driver(new HandmadeMarket(TestAgent.Load(maxUnits: 2), 50).Environment());

        Assert.Equal([0, ActionTable.OpenLong(1), ActionTable.OpenShort(1), ActionTable.OpenLong(2), ActionTable.OpenShort(2)], driver.Allowed());
    }

    [Fact]
    public void An_open_position_cannot_be_added_to_or_reversed_and_closes_only_its_own_side_up_to_its_size()
    {
        var driver = new Driver(new HandmadeMarket(TestAgent.Load(maxUnits: 2), 50).Environment());
        driver.Step(ActionTable.OpenLong(1));

        Assert.Equal([0, ActionTable.CloseLong(1)], driver.Allowed());
        driver.Step(ActionTable.CloseLong(1));
        driver.Step(ActionTable.OpenShort(2));
        Assert.Equal([0, ActionTable.CloseShort(1), ActionTable.CloseShort(2)], driver.Allowed());
    }

    [Fact]
    public void Closing_waits_for_the_minimum_hold()
    {
        var driver = new Driver(new HandmadeMarket(TestAgent.Load(minHold: "30s"), 50).Environment());
        driver.Step(ActionTable.OpenLong(1));

        Assert.Equal(Hold, driver.Allowed());   // held 10 s
        driver.Hold(1);
        Assert.Equal(Hold, driver.Allowed());   // 20 s
        driver.Hold(1);
        Assert.Equal([0, ActionTable.CloseLong(1)], driver.Allowed());   // 30 s
    }

    [Fact]
    public void An_action_the_mask_forbids_is_refused_with_the_reason()
    {
        var driver = new Driver(new HandmadeMarket(TestAgent.Load(), 50).Environment());

        var error = Assert.Throws<InvalidOperationException>(() => driver.Step(ActionTable.CloseLong(1)));
        Assert.Contains("close_long_1", error.Message, StringComparison.Ordinal);
        Assert.Contains("mask", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rules_answer_the_live_trader_from_a_position_and_a_time_alone()
    {
        AgentConfig config = TestAgent.Load(minHold: "1m", maxHold: "10m");
        var rules = PositionRules.For(config);
        long monday = MarketData.Time.UtcTime.FromParts(2024, 1, 8, 12, 0, 0, 0);
        var position = new AgentPosition(-2, 1.1, monday);

        Assert.Equal(1UL, rules.AllowedActions(position, monday + 30_000));
        Assert.Equal((1UL << ActionTable.CloseShort(1)) | (1UL << ActionTable.CloseShort(2)) | 1UL, rules.AllowedActions(position, monday + 60_000));
        Assert.Equal(ExitReason.None, rules.ForcedExit(position, monday + 599_999));
        Assert.Equal(ExitReason.MaxHold, rules.ForcedExit(position, monday + 600_000));
        Assert.Equal(1UL << ActionTable.CloseShort(2), rules.AllowedActions(position, monday + 600_000));
    }
}
