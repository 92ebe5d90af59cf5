using Microsoft.Extensions.Logging.Abstractions;
using Releat.MarketData.Feeds;
using Releat.Mt5Bridge.Protocol;
using Releat.Mt5Bridge.Terminal;
using Releat.Testing;

namespace Releat.Mt5Bridge.Tests;

public sealed class TerminalBridgeTests : IAsyncLifetime
{
    private const string Secret = "test-secret-not-for-production";
    private TerminalBridge _bridge = null!;

    public Task InitializeAsync()
    {
        _bridge = StartBridge(new Mt5BridgeOptions { Port = 0, SharedSecret = Secret, RequestTimeout = TimeSpan.FromSeconds(2) });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _bridge.DisposeAsync();

    [Fact]
    public async Task Terminal_with_the_right_secret_is_welcomed_and_its_ticks_arrive_in_utc()
    {
        var ticks = new List<SymbolTick>();
        _bridge.TickReceived += t => { lock (ticks) { ticks.Add(t); } };
        await using var terminal = await FakeTerminal.ConnectAsync(_bridge.Port, Secret, utcOffsetSeconds: 7200);
        Assert.Equal("WELCOME", terminal.Greeting);

        // 2017-03-01 12:00:00.250 on a UTC+2 trade server is 10:00:00.250 UTC.
        var serverMs = new DateTimeOffset(2017, 3, 1, 12, 0, 0, 250, TimeSpan.Zero).ToUnixTimeMilliseconds();
        await terminal.SendAsync($"TICK\tEURUSD\t{serverMs}\t1.05512\t1.05520\t0\t0\t6");
        await Eventually.WaitUntilAsync(() => ticks.Count == 1);

        var tick = ticks[0];
        Assert.Equal("EURUSD", tick.Symbol);
        Assert.Equal(new DateTime(2017, 3, 1, 10, 0, 0, 250, DateTimeKind.Utc), tick.Tick.Time);
        Assert.Equal(1.05512, tick.Tick.Bid);
        Assert.Equal(1.05520, tick.Tick.Ask);
    }

    [Fact]
    public async Task Clock_message_moves_the_conversion_when_the_server_changes_to_summer_time()
    {
        var ticks = new List<SymbolTick>();
        _bridge.TickReceived += t => { lock (ticks) { ticks.Add(t); } };
        await using var terminal = await FakeTerminal.ConnectAsync(_bridge.Port, Secret, utcOffsetSeconds: 7200);

        await terminal.SendAsync("CLOCK\t10800");
        await terminal.SendAsync("TICK\tEURUSD\t10800000\t1.1\t1.1001\t0\t0\t6");
        await Eventually.WaitUntilAsync(() => ticks.Count == 1);

        Assert.Equal(0, ticks[0].Tick.TimeMs);
    }

    [Fact]
    public async Task Wrong_secret_is_denied_and_disconnected()
    {
        await using var terminal = await FakeTerminal.ConnectAsync(_bridge.Port, "guessed-secret");

        Assert.StartsWith("DENIED", terminal.Greeting, StringComparison.Ordinal);
        Assert.Null(await terminal.ReadLineAsync());
        Assert.Null(_bridge.Session);
    }

    [Fact]
    public async Task Anything_but_hello_is_denied()
    {
        await using var terminal = await FakeTerminal.ConnectRawAsync(_bridge.Port);
        await terminal.ReadLineAsync();
        await terminal.SendAsync("TICK\tEURUSD\t0\t1\t1\t0\t0\t6");

        Assert.StartsWith("DENIED", await terminal.ReadLineAsync(), StringComparison.Ordinal);
        Assert.Null(await terminal.ReadLineAsync());
    }

    [Fact]
    public async Task Silent_peer_is_dropped_after_the_handshake_timeout()
    {
        await using var bridge = StartBridge(new Mt5BridgeOptions { Port = 0, SharedSecret = Secret, HandshakeTimeout = TimeSpan.FromMilliseconds(300) });
        await using var terminal = await FakeTerminal.ConnectRawAsync(bridge.Port);

        Assert.StartsWith("CHALLENGE\t2\t", await terminal.ReadLineAsync(), StringComparison.Ordinal);
        Assert.StartsWith("DENIED", await terminal.ReadLineAsync(), StringComparison.Ordinal);
        Assert.Null(await terminal.ReadLineAsync());
    }

    [Fact]
    public async Task Order_round_trip_returns_the_terminals_fill()
    {
        await using var terminal = await FakeTerminal.ConnectAsync(_bridge.Port, Secret);
        var order = _bridge.SendOrderAsync("t00001-1488369603-0", "EURUSD", buy: true, 0.1, 0, 0, 42, CancellationToken.None);

        var sent = await terminal.ExpectAsync("ORDER");
        Assert.Equal(["ORDER", sent[1], "t00001-1488369603-0", "EURUSD", "buy", "0.1", "0", "0", "42"], sent);
        await terminal.SendAsync($"RESULT\t{sent[1]}\tt00001-1488369603-0\t10009\t777\t888\t0.1\t1.05520\t1488369603000\t999\t0\t-0.7\t0\tt00001-1488369603-0");

        var result = await order;
        Assert.True(result.Succeeded);
        Assert.Equal(999, result.PositionId);
        Assert.Equal(1.0552, result.Price);
        Assert.Equal(-0.7, result.Commission);
    }

    [Fact]
    public async Task Same_client_order_id_twice_reaches_the_terminal_once()
    {
        await using var terminal = await FakeTerminal.ConnectAsync(_bridge.Port, Secret);
        var first = _bridge.SendOrderAsync("dup-1", "EURUSD", buy: false, 1, 0, 0, 0, CancellationToken.None);
        var second = _bridge.SendOrderAsync("dup-1", "EURUSD", buy: false, 1, 0, 0, 0, CancellationToken.None);

        var sent = await terminal.ExpectAsync("ORDER");
        await terminal.SendAsync($"RESULT\t{sent[1]}\tdup-1\t10009\t1\t2\t1\t1.1\t0\t3\t0\t0\t0\tdup-1");
        var third = await _bridge.SendOrderAsync("dup-1", "EURUSD", buy: false, 1, 0, 0, 0, CancellationToken.None);

        Assert.Same(await first, await second);
        Assert.Same(await first, third);
        Assert.True(await terminal.StaysSilentAsync(300), "a second ORDER reached the terminal");
    }

    [Fact]
    public async Task Order_lost_with_the_connection_is_looked_up_on_retry_and_never_sent_twice()
    {
        await using (var lost = await FakeTerminal.ConnectAsync(_bridge.Port, Secret))
        {
            var first = _bridge.SendOrderAsync("retry-1", "EURUSD", buy: true, 1, 0, 0, 0, CancellationToken.None);
            await lost.ExpectAsync("ORDER");

            // The terminal traded, but the connection broke before its RESULT: the caller learns nothing final.
            await lost.DisposeAsync();
            await Assert.ThrowsAsync<TerminalUnavailableException>(() => first);
        }

        // The retry goes once the new terminal's session is in place: the broken one may still be finishing its
        // clean-up (its Completion not yet done) after it failed the first order (repeat-tests --stress).
        await using var terminal = await FakeTerminal.ConnectAsync(_bridge.Port, Secret);
        await Eventually.WaitUntilAsync(() => _bridge.Session is { IsOpen: true });
        var retry = _bridge.SendOrderAsync("retry-1", "EURUSD", buy: true, 1, 0, 0, 0, CancellationToken.None);

        // The retry asks first; the EA answers from its journal with the first fill.
        var find = await terminal.ExpectAsync("FIND");
        Assert.Equal("retry-1", find[2]);
        await terminal.SendAsync($"RESULT\t{find[1]}\tretry-1\t10009\t1\t2\t1\t1.1\t0\t3\t0\t-7\t0\tretry-1");

        var result = await retry;
        Assert.True(result.Succeeded);
        Assert.Equal(3, result.PositionId);
        Assert.True(await terminal.StaysSilentAsync(300), "the retry sent a second ORDER");
        Assert.Same(result, await _bridge.SendOrderAsync("retry-1", "EURUSD", buy: true, 1, 0, 0, 0, CancellationToken.None));
    }

    [Fact]
    public async Task Error_answer_to_an_order_is_a_refusal_at_once()
    {
        await using var terminal = await FakeTerminal.ConnectAsync(_bridge.Port, Secret);
        var order = _bridge.SendOrderAsync("bad-1", "EURUSD", buy: true, 1, 0, 0, 0, CancellationToken.None);
        var sent = await terminal.ExpectAsync("ORDER");
        await terminal.SendAsync($"ERROR\t{sent[1]}\tmalformed ORDER (7 fields)");

        var result = await order.WaitAsync(TimeSpan.FromSeconds(1));
        Assert.False(result.Succeeded);
        Assert.Equal(TradeRetcodes.Invalid, result.Retcode);
        Assert.Contains("malformed ORDER", result.Comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Positions_are_collected_until_positions_end()
    {
        await using var terminal = await FakeTerminal.ConnectAsync(_bridge.Port, Secret);
        var positions = _bridge.RequireSession().GetPositionsAsync(CancellationToken.None);

        var request = await terminal.ExpectAsync("GET_POSITIONS");
        await terminal.SendAsync($"POSITION\t{request[1]}\t11\t11\tEURUSD\tbuy\t0.1\t1.05\t1000\t0\t0\t1.06\t100\t-1.5\t42\tt00001-a");
        await terminal.SendAsync($"POSITION\t{request[1]}\t12\t9\tUSDJPY\tsell\t0.2\t110.1\t2000\t111\t109\t110\t18.2\t0\t42\tt00001-b");
        await terminal.SendAsync($"POSITIONS_END\t{request[1]}\t2");

        var list = await positions;
        Assert.Equal([11L, 12L], list.Select(p => p.Ticket));
        Assert.Equal([11L, 9L], list.Select(p => p.Identifier));
        Assert.False(list[1].IsBuy);
        Assert.Equal("t00001-b", list[1].Comment);
    }

    [Fact]
    public async Task Malformed_line_is_dropped_and_the_session_goes_on()
    {
        var ticks = new List<SymbolTick>();
        _bridge.TickReceived += t => { lock (ticks) { ticks.Add(t); } };
        await using var terminal = await FakeTerminal.ConnectAsync(_bridge.Port, Secret, utcOffsetSeconds: 0);

        await terminal.SendAsync("TICK\tEURUSD\t1000\tnot-a-price\t1.1\t0\t0\t6");
        await terminal.SendAsync("TICK\tEURUSD\t2000\tNaN\t1.1\t0\t0\t6");
        await terminal.SendAsync("TICK\tEURUSD\t3000\t1.1");
        await terminal.SendAsync("TICK\tEURUSD\t4000\t1.1\t1.1001\t0\t0\t6");
        await Eventually.WaitUntilAsync(() => ticks.Count == 1);

        Assert.Equal(4000, ticks[0].Tick.TimeMs);
        Assert.Equal(3, _bridge.RequireSession().MalformedLines);
    }

    [Fact]
    public async Task Overlong_line_ends_the_session_and_a_new_terminal_can_connect()
    {
        await using (var flooding = await FakeTerminal.ConnectAsync(_bridge.Port, Secret))
        {
            await flooding.SendRawAsync(new byte[BridgeLineReader.MaxLineBytes + 10]);
            Assert.Null(await flooding.ReadLineAsync());
        }

        await using var terminal = await FakeTerminal.ConnectAsync(_bridge.Port, Secret);
        Assert.Equal("WELCOME", terminal.Greeting);
    }

    [Fact]
    public async Task A_terminal_that_reconnects_gets_the_subscriptions_again()
    {
        await using (var first = await FakeTerminal.ConnectAsync(_bridge.Port, Secret))
        {
            await _bridge.SubscribeAsync(["EURUSD", "USDJPY"], CancellationToken.None);
            Assert.Equal(["EURUSD", "USDJPY"], (await first.ExpectAsync("SUBSCRIBE")).Skip(1).Order());
        }

        // The terminal went away; a symbol subscribed while none is connected must reach the next one too.
        await Eventually.WaitUntilAsync(() => _bridge.Session is { Completion.IsCompleted: true }, "the bridge noticing the terminal left");
        await _bridge.SubscribeAsync(["GBPUSD"], CancellationToken.None);
        await using var again = await FakeTerminal.ConnectAsync(_bridge.Port, Secret);

        Assert.Equal("WELCOME", again.Greeting);
        Assert.Equal(["EURUSD", "GBPUSD", "USDJPY"], (await again.ExpectAsync("SUBSCRIBE")).Skip(1).Order());
    }

    [Fact]
    public void Bridge_without_a_secret_refuses_to_start_and_says_how_to_set_one()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new Mt5BridgeOptions().ResolveSecret());
        Assert.Contains("Mt5Bridge__SharedSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Client_order_ids_longer_than_mt5_comments_are_refused()
    {
        Assert.Throws<ArgumentException>(() => GatewayCommands.ClientOrderId(new string('x', 32)));
        Assert.Throws<ArgumentException>(() => GatewayCommands.ClientOrderId("a\tb"));
    }

    private static TerminalBridge StartBridge(Mt5BridgeOptions options)
    {
        var bridge = new TerminalBridge(options, NullLogger<TerminalBridge>.Instance);
        bridge.Start();
        return bridge;
    }
}
