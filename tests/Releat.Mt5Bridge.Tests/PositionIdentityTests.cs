using Releat.Mt5Bridge.Protocol;

namespace Releat.Mt5Bridge.Tests;

/// <summary>Positions are named by identifier: fills, position lists and closes agree even when tickets differ.</summary>
public sealed class PositionIdentityTests
{
    [Fact]
    public async Task Close_by_identifier_works_when_the_ticket_differs_and_reports_the_realised_loss()
    {
        await using var h = ScriptedTerminalHarness.Start();
        h.Server.TicketsDifferFromIdentifiers = true;
        await using var terminal = await h.ConnectAsync();
        var open = await h.Drive(h.Buy("ticket-open"));
        var listed = Assert.Single(await h.Bridge.RequireSession().GetPositionsAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        h.Server.Bid = 1.0995; // 0.1 lot long from 1.1002: -7 pips = -7.00

        var close = await h.Drive(h.Bridge.ClosePositionAsync("ticket-close", open.PositionId, 0, CancellationToken.None));

        Assert.NotEqual(listed.Ticket, listed.Identifier);
        Assert.Equal(open.PositionId, listed.Identifier);
        Assert.True(close.Succeeded);
        Assert.Equal(open.PositionId, close.PositionId);
        Assert.Equal(-7, close.Profit, 6);
        Assert.Equal(-0.7, close.Commission, 6);
        Assert.Empty(h.Server.Positions);
    }

    [Fact]
    public async Task Hedging_partial_close_leaves_the_rest_open_under_the_same_identifier()
    {
        await using var h = ScriptedTerminalHarness.Start();
        await using var terminal = await h.ConnectAsync();
        var open = await h.Drive(h.Buy("partial-open", 0.1));

        var close = await h.Drive(h.Bridge.ClosePositionAsync("partial-close", open.PositionId, 0.04, CancellationToken.None));

        Assert.True(close.Succeeded);
        Assert.Equal(0.04, close.Volume, 9);
        var rest = Assert.Single(h.Server.Positions);
        Assert.Equal(open.PositionId, rest.Identifier);
        Assert.Equal(0.06, rest.Volume, 9);
    }

    [Fact]
    public async Task Close_of_a_position_that_is_gone_is_refused_with_10036_and_trades_nothing()
    {
        await using var h = ScriptedTerminalHarness.Start();
        await using var terminal = await h.ConnectAsync();

        var close = await h.Drive(h.Bridge.ClosePositionAsync("gone-close", 424242, 0, CancellationToken.None));

        Assert.False(close.Succeeded);
        Assert.Equal(TradeRetcodes.PositionClosed, close.Retcode);
        Assert.Equal(0, terminal.Script.OrderSends);
    }

    [Fact]
    public void Netting_reversal_keeps_the_identifier_and_changes_the_ticket_on_the_server_model()
    {
        // Netting accounts are refused by the bridge (AccountSafetyTests); the server model still plays the
        // reversal so the double's behaviour on such an account is what MT5 does.
        var server = new Releat.Testing.Mt5.FakeTradeServer(TimeProvider.System, hedging: false);
        server.Deal("EURUSD", buy: true, 0.1, 1, "a");
        var before = Assert.Single(server.Positions);
        var ticketBefore = before.Ticket;

        var reversal = server.Deal("EURUSD", buy: false, 0.3, 1, "b");

        // The simulated broker dealt it: the long 0.1 bought at the ask 1.1002 closes at the bid 1.1000 (-2.00), and
        // the whole 0.3 pays the catalogue's commission of 7 per lot.
        Assert.Equal((before.Identifier, 1.1000, -2.00, -2.10), (reversal.PositionId, reversal.Price, reversal.Profit, reversal.Commission));
        var after = Assert.Single(server.Positions);
        Assert.Equal(before.Identifier, after.Identifier);
        Assert.NotEqual(ticketBefore, after.Ticket);
        Assert.False(after.Buy);
        Assert.Equal(0.2, after.Volume, 9);
    }
}
