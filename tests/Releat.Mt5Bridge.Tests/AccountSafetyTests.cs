using Releat.MarketData.Feeds;
using Releat.Mt5Bridge.Terminal;

namespace Releat.Mt5Bridge.Tests;

/// <summary>Which terminals the bridge accepts, symbol names at the broker, and server time across daylight saving.</summary>
public sealed class AccountSafetyTests
{
    [Fact]
    public async Task Real_account_is_refused_without_explicit_configuration()
    {
        await using var h = ScriptedTerminalHarness.Start();
        await using var terminal = await h.ConnectAsync(login: "7700001", tradeMode: "real");

        Assert.StartsWith("DENIED\taccount 7700001 on Demo-Server is a real-money account", terminal.Greeting, StringComparison.Ordinal);
        Assert.Contains("AllowRealAccount", terminal.Greeting, StringComparison.Ordinal);
        Assert.Null(h.Bridge.Session);
    }

    [Fact]
    public async Task Real_account_is_refused_when_allowed_but_for_another_login()
    {
        await using var h = ScriptedTerminalHarness.Start(o => o.AllowRealAccount = true);
        await using var terminal = await h.ConnectAsync(login: "7700001", tradeMode: "real");

        Assert.StartsWith("DENIED", terminal.Greeting, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Real_account_is_accepted_with_allow_real_account_and_its_expected_login()
    {
        await using var h = ScriptedTerminalHarness.Start(o => { o.AllowRealAccount = true; o.ExpectedLogin = "7700001"; });
        await using var terminal = await h.ConnectAsync(login: "7700001", tradeMode: "real");

        Assert.Equal("WELCOME", terminal.Greeting);
        Assert.Equal("real", h.Bridge.RequireSession().Info.TradeMode);
    }

    [Fact]
    public async Task Demo_account_with_another_login_than_the_expected_one_is_refused()
    {
        await using var h = ScriptedTerminalHarness.Start(o => o.ExpectedLogin = "5001234");
        await using var terminal = await h.ConnectAsync(login: "5009999");

        Assert.StartsWith("DENIED\taccount 5009999 is not the expected login", terminal.Greeting, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Netting_account_is_refused_because_the_trader_needs_hedging()
    {
        await using var h = ScriptedTerminalHarness.Start(hedging: false);
        await using var terminal = await h.ConnectAsync();

        Assert.StartsWith("DENIED", terminal.Greeting, StringComparison.Ordinal);
        Assert.Contains("netting margin mode: the trader needs a hedging account", terminal.Greeting, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Second_terminal_is_refused_while_the_first_is_alive_instead_of_evicting_it()
    {
        await using var h = ScriptedTerminalHarness.Start();
        await using var first = await h.ConnectAsync();
        var session = h.Bridge.RequireSession();

        await using var second = await SimulatedTerminal2(h);

        Assert.StartsWith("DENIED\tanother terminal is connected (account 5001234)", second.Greeting, StringComparison.Ordinal);
        Assert.Same(session, h.Bridge.RequireSession());
        Assert.True((await h.Drive(h.Buy("first-still-trades"))).Succeeded);
    }

    [Fact]
    public async Task Terminal_silent_longer_than_the_stale_limit_is_replaced_by_a_new_one()
    {
        await using var h = ScriptedTerminalHarness.Start();
        await using var first = await h.ConnectAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(25));

        await using var second = await h.ConnectAsync(login: "5001235");

        Assert.Equal("WELCOME", second.Greeting);
        Assert.Equal("5001235", h.Bridge.RequireSession().Info.Login);
    }

    [Fact]
    public async Task Broker_symbol_names_are_mapped_both_ways()
    {
        await using var h = ScriptedTerminalHarness.Start(o => o.SymbolMap["EURUSD"] = "EURUSDm");
        var ticks = new List<SymbolTick>();
        h.Bridge.TickReceived += t => { lock (ticks) { ticks.Add(t); } };
        await h.Bridge.SubscribeAsync(["EURUSD"], CancellationToken.None);
        await using var terminal = await h.ConnectAsync();
        terminal.Symbols.Add("EURUSDm");
        terminal.Symbols.Remove("EURUSD");

        await terminal.SendAsync("TICK\tEURUSDm\t1772445600000\t1.1\t1.1002\t0\t0\t6");
        await ScriptedTerminalHarness.Until(() => { lock (ticks) { return ticks.Count == 1; } });
        var result = await h.Drive(h.Buy("mapped-1"));

        Assert.Equal("EURUSD", ticks[0].Symbol);
        Assert.Contains(terminal.Received, l => l == "SUBSCRIBE\tEURUSDm");
        Assert.True(result.Succeeded);
        Assert.Equal("EURUSDm", Assert.Single(h.Server.Positions).Symbol);
        var positions = await h.Bridge.RequireSession().GetPositionsAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("EURUSD", Assert.Single(positions).Symbol);
    }

    [Fact]
    public void Server_times_on_either_side_of_a_daylight_saving_change_convert_by_the_rules_of_their_own_date()
    {
        // "GMT+2, US daylight saving": New York + 7 h. US clocks went forward on 2024-03-10.
        var clock = new ServerClock(reportedOffsetSeconds: 10800, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), shiftHours: 7);
        long Server(int day, int hour) => new DateTimeOffset(2024, 3, day, hour, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        long Utc(int day, int hour) => new DateTimeOffset(2024, 3, day, hour, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

        Assert.Equal(Utc(8, 10), clock.ToUtcMilliseconds(Server(8, 12)));   // before: server = UTC+2
        Assert.Equal(Utc(11, 9), clock.ToUtcMilliseconds(Server(11, 12)));  // after: server = UTC+3
        Assert.Equal(10800, clock.RuleOffsetSeconds(new DateTimeOffset(2024, 3, 11, 9, 0, 0, TimeSpan.Zero)));

        // Without rules, one reported offset is applied to every time, which is what the rules fix.
        var reported = new ServerClock(reportedOffsetSeconds: 10800);
        Assert.Equal(Utc(8, 9), reported.ToUtcMilliseconds(Server(8, 12)));
    }

    [Fact]
    public void Unknown_server_time_zone_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new Mt5BridgeOptions { ServerTimeZone = "Mars/Olympus" }.ResolveServerTimeZone());

        Assert.Contains("Mt5Bridge:ServerTimeZone 'Mars/Olympus'", error.Message, StringComparison.Ordinal);
    }

    private static Task<Testing.Mt5.SimulatedTerminal> SimulatedTerminal2(ScriptedTerminalHarness h) =>
        Testing.Mt5.SimulatedTerminal.ConnectAsync(h.Bridge.Port, ScriptedTerminalHarness.Secret, h.Server, new Testing.Mt5.EaMemory(), login: "5001299");
}
