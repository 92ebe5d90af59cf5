using Releat.Mt5Bridge.Protocol;
using Releat.Mt5Bridge.Terminal;

namespace Releat.Mt5Bridge.Tests;

/// <summary>
/// Each scripted server behaviour of issue 19 against the bridge and the EA's logic: exactly one position per client
/// order id, never position 0 on a fill, unknown outcomes asked about, transient ones sent again.
/// </summary>
public sealed class ExactlyOnceOrderTests
{
    [Fact]
    public async Task Fill_carries_the_position_identifier_price_volume_and_commission()
    {
        await using var h = ScriptedTerminalHarness.Start();
        await using var terminal = await h.ConnectAsync();

        var result = await h.Drive(h.Buy("open-1"));

        var position = Assert.Single(h.Server.Positions);
        Assert.True(result.Succeeded);
        Assert.Equal(position.Identifier, result.PositionId);
        Assert.Equal(0.1, result.Volume, 9);
        Assert.Equal(h.Server.Ask, result.Price, 9);
        Assert.Equal(-0.7, result.Commission, 9);
    }

    [Fact]
    public async Task Volume_is_rounded_to_the_symbols_step_and_one_below_its_minimum_is_refused_without_trading()
    {
        await using var h = ScriptedTerminalHarness.Start();
        await using var terminal = await h.ConnectAsync();

        var rounded = await h.Drive(h.Buy("step-1", volume: 0.123));
        var tiny = await h.Drive(h.Buy("step-2", volume: 0.004));

        Assert.True(rounded.Succeeded);
        Assert.Equal(0.12, rounded.Volume, 9);
        Assert.Equal(0.12, Assert.Single(h.Server.Positions).Volume, 9);
        Assert.Equal(TradeRetcodes.InvalidVolume, tiny.Retcode);
        Assert.False(tiny.Succeeded);
        Assert.Equal(1, terminal.Script.OrderSends);
    }

    [Fact]
    public async Task Deal_known_only_after_a_delay_is_found_and_never_reported_as_position_0()
    {
        await using var h = ScriptedTerminalHarness.Start();
        h.Server.HistoryDelay = TimeSpan.FromSeconds(3);
        h.Server.CommentRewrite = c => "srv:" + c; // the position cannot be found by comment, only by the order
        await using var terminal = await h.ConnectAsync();

        var result = await h.Drive(h.Buy("late-deal-1"));

        Assert.True(result.Succeeded);
        Assert.Equal(Assert.Single(h.Server.Positions).Identifier, result.PositionId);
        Assert.NotEqual(0, result.PositionId);
        Assert.Equal(1, terminal.Count("ORDER"));
    }

    [Fact]
    public async Task Result_after_the_gateway_timeout_with_a_retry_queued_behind_it_trades_once()
    {
        using var hold = new SemaphoreSlim(0);
        await using var h = ScriptedTerminalHarness.Start(o => o.OrderDeadline = TimeSpan.FromSeconds(5));
        await using var terminal = await h.ConnectAsync();
        terminal.Script.Hold = hold;

        var first = h.Buy("slow-1");
        await terminal.Script.Holding.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<TerminalUnavailableException>(() => h.Drive(first, TimeSpan.FromSeconds(1)));
        var retry = h.Buy("slow-1");
        await ScriptedTerminalHarness.Until(() => h.Bridge.Orders.Questions >= 2); // the retry's FIND waits behind the ORDER
        terminal.Script.Hold = null;
        hold.Release();
        var result = await h.Drive(retry);

        Assert.True(result.Succeeded);
        Assert.Single(h.Server.Positions);
        Assert.Equal(1, terminal.Count("ORDER"));
        Assert.Equal(1, terminal.Script.OrderSends);
        Assert.Same(result, h.Bridge.Orders.FinalOutcome("slow-1"));
    }

    [Fact]
    public async Task Requote_then_done_is_sent_again_and_fills_once()
    {
        await using var h = ScriptedTerminalHarness.Start();
        await using var terminal = await h.ConnectAsync();
        terminal.Script.Then(TradeRetcodes.Requote).Then(TradeRetcodes.Done, executes: true);

        var result = await h.Drive(h.Buy("requote-1"));

        Assert.True(result.Succeeded);
        Assert.Equal(2, terminal.Count("ORDER"));
        Assert.Single(h.Server.Positions);
    }

    [Fact]
    public async Task Timeout_10012_that_executed_is_asked_about_and_reported_filled()
    {
        await using var h = ScriptedTerminalHarness.Start();
        await using var terminal = await h.ConnectAsync();
        terminal.Script.Then(TradeRetcodes.Timeout, executes: true);

        var result = await h.Drive(h.Buy("timeout-1"));

        Assert.True(result.Succeeded);
        Assert.Equal(Assert.Single(h.Server.Positions).Identifier, result.PositionId);
        Assert.Equal(1, terminal.Count("ORDER"));
        Assert.True(terminal.Count("FIND") >= 1);
    }

    [Fact]
    public async Task No_connection_10031_that_did_not_execute_is_refused_after_asking_and_never_sent_again()
    {
        await using var h = ScriptedTerminalHarness.Start();
        await using var terminal = await h.ConnectAsync();
        terminal.Script.Then(TradeRetcodes.NoConnection);

        var result = await h.Drive(h.Buy("noconn-1"));
        var retry = await h.Drive(h.Buy("noconn-1"));

        Assert.False(result.Succeeded);
        Assert.Equal(TradeRetcodes.NoConnection, result.Retcode);
        Assert.Contains("found no position, order or deal", result.Comment, StringComparison.Ordinal);
        Assert.Same(result, retry);
        Assert.Empty(h.Server.Positions);
        Assert.Equal(1, terminal.Count("ORDER"));
    }

    [Fact]
    public async Task Error_10011_that_executed_with_a_rewritten_comment_is_found_by_its_order_after_a_restart()
    {
        await using var h = ScriptedTerminalHarness.Start();
        h.Server.CommentRewrite = c => "broker#" + c;
        var restarted = await h.ConnectAsync();
        restarted.Script.Then(TradeRetcodes.Error, executes: true).Then(TradeRetcodes.Done);
        var first = h.Buy("rewrite-1");
        await ScriptedTerminalHarness.Until(() => restarted.Script.OrderSends == 1);
        await restarted.DisposeAsync();
        await Assert.ThrowsAsync<TerminalUnavailableException>(() => h.Drive(first));

        // The EA restarts with its journal: the retry finds the deal by order ticket, not by the rewritten comment.
        await using var terminal = await h.ConnectAsync();
        var result = await h.Drive(h.Buy("rewrite-1"));

        Assert.True(result.Succeeded);
        Assert.Single(h.Server.Positions);
        Assert.Equal(0, terminal.Count("ORDER"));
    }

    [Fact]
    public async Task Partial_fill_10010_is_reported_as_partial_and_asked_about_again_on_a_retry()
    {
        await using var h = ScriptedTerminalHarness.Start();
        await using var terminal = await h.ConnectAsync();
        terminal.Script.Then(TradeRetcodes.DonePartial, executes: true, fraction: 0.5);

        var result = await h.Drive(h.Buy("partial-1"));
        var retry = await h.Drive(h.Buy("partial-1"));

        Assert.True(result.Succeeded);
        Assert.Equal(TradeRetcodes.DonePartial, result.Retcode);
        Assert.Equal(0.05, result.Volume, 9);
        Assert.Null(h.Bridge.Orders.FinalOutcome("partial-1"));
        Assert.Equal(TradeRetcodes.DonePartial, retry.Retcode);
        Assert.Equal(1, terminal.Count("ORDER"));
        Assert.True(terminal.Count("FIND") >= 1);
    }

    [Fact]
    public async Task Placed_10008_is_followed_until_it_fills()
    {
        await using var h = ScriptedTerminalHarness.Start();
        await using var terminal = await h.ConnectAsync();
        terminal.Script.Then(TradeRetcodes.Placed);

        var order = h.Buy("placed-1");
        await h.DriveUntil(() => terminal.Count("FIND") >= 1);
        h.Server.FillPlaced(Assert.Single(h.Server.PlacedOrders));
        var result = await h.Drive(order);

        Assert.True(result.Succeeded);
        Assert.Equal(Assert.Single(h.Server.Positions).Identifier, result.PositionId);
    }

    [Fact]
    public async Task Placed_10008_still_pending_at_the_deadline_is_submitted_and_not_kept()
    {
        await using var h = ScriptedTerminalHarness.Start(o => o.OrderDeadline = TimeSpan.FromSeconds(3));
        await using var terminal = await h.ConnectAsync();
        terminal.Script.Then(TradeRetcodes.Placed);

        var result = await h.Drive(h.Buy("placed-2"));

        Assert.Equal(TradeRetcodes.Placed, result.Retcode);
        Assert.Null(h.Bridge.Orders.FinalOutcome("placed-2"));
    }

    [Fact]
    public async Task History_sync_stall_of_45_s_on_a_close_ends_in_the_fill_with_its_profit()
    {
        await using var h = ScriptedTerminalHarness.Start(o => o.OrderDeadline = TimeSpan.FromSeconds(60));
        await using var terminal = await h.ConnectAsync();
        var open = await h.Drive(h.Buy("stall-open"));
        h.Server.Bid = 1.0990; // the long loses 12 pips: 0.1 lot * 100,000 * -0.0012 = -12
        h.Server.HistoryDelay = TimeSpan.FromSeconds(45);

        var close = h.Bridge.ClosePositionAsync("stall-close", open.PositionId, 0, CancellationToken.None);
        var result = await h.Drive(close, TimeSpan.FromSeconds(1));

        Assert.True(result.Succeeded);
        Assert.Equal(open.PositionId, result.PositionId);
        Assert.Equal(-12, result.Profit, 6);
        Assert.Empty(h.Server.Positions);
        Assert.True(h.Clock.GetUtcNow() - h.Server.VisibleDeals[^1].VisibleAt >= TimeSpan.Zero);
    }

    [Fact]
    public async Task History_stall_longer_than_the_deadline_is_unknown_then_the_retry_gets_the_fill_without_closing_again()
    {
        await using var h = ScriptedTerminalHarness.Start(o => o.OrderDeadline = TimeSpan.FromSeconds(30));
        await using var terminal = await h.ConnectAsync();
        var open = await h.Drive(h.Buy("stall2-open"));
        h.Server.HistoryDelay = TimeSpan.FromSeconds(45);

        var first = h.Bridge.ClosePositionAsync("stall2-close", open.PositionId, 0, CancellationToken.None);
        await Assert.ThrowsAsync<TerminalUnavailableException>(() => h.Drive(first, TimeSpan.FromSeconds(1)));
        var retry = h.Bridge.ClosePositionAsync("stall2-close", open.PositionId, 0, CancellationToken.None);
        var result = await h.Drive(retry, TimeSpan.FromSeconds(1));

        Assert.True(result.Succeeded);
        Assert.Equal(open.PositionId, result.PositionId);
        Assert.Equal(1, terminal.Count("CLOSE"));
    }
}
