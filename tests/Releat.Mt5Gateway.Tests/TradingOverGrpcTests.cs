using Grpc.Core;
using Releat.Testing;
using V1 = Releat.Contracts.V1;

namespace Releat.Mt5Gateway.Tests;

public sealed class TradingOverGrpcTests
{
    [Fact]
    public async Task Paper_order_fills_at_the_ask_of_a_later_tick_once_per_client_order_id_and_closes_with_profit()
    {
        await using var gateway = await GatewayFixture.StartAsync(TempFolder.Create(), new Dictionary<string, string>
        {
            ["Simulated__Source"] = "Synthetic",
            ["Simulated__Speed"] = "50",
        });
        var quotes = new List<V1.Tick>();
        using var watch = new CancellationTokenSource();
        using var subscription = gateway.MarketData.SubscribeTicks(new V1.SubscribeTicksRequest(), cancellationToken: watch.Token);
        var reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var tick in subscription.ResponseStream.ReadAllAsync(watch.Token))
                {
                    lock (quotes)
                    {
                        quotes.Add(tick);
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or RpcException)
            {
                // Stopped by the test.
            }
        });
        await Eventually.WaitUntilAsync(() => quotes.Count > 0, "a first tick reaching the subscriber");

        // The order names the tick its decision closed on: the gateway times it from that tick's arrival.
        string correlation;
        lock (quotes)
        {
            correlation = $"EURUSD@{quotes[^1].Time.Seconds * 1000 + (quotes[^1].Time.Nanos / 1_000_000)}";
        }

        var order = new V1.OrderRequest { ClientOrderId = "t00001-0001-0", Symbol = "EURUSD", Side = V1.OrderSide.Buy, Volume = 0.1, CorrelationId = correlation };
        var filled = await gateway.Trading.SendOrderAsync(order);
        var again = await gateway.Trading.SendOrderAsync(order);

        Assert.Equal(V1.OrderState.Filled, filled.State);
        Assert.Equal(10009, filled.Retcode);
        Assert.Equal(0.1, filled.FilledVolume, 10);
        lock (quotes)
        {
            // Several ticks may share the fill's millisecond; the fill is at the ask of one of them.
            Assert.Contains(quotes, q => q.Time.Equals(filled.FillTime) && q.Ask == filled.FillPrice);
        }

        Assert.Equal(filled.OrderId, again.OrderId);
        var positions = await gateway.Trading.GetPositionsAsync(new V1.GetPositionsRequest());
        var position = Assert.Single(positions.Positions);
        Assert.Equal(V1.PositionDirection.Long, position.Direction);
        Assert.Equal(filled.PositionId, position.PositionId);

        var closed = await gateway.Trading.ClosePositionAsync(new V1.ClosePositionRequest { ClientOrderId = "t00001-0002-0", PositionId = position.PositionId });
        Assert.Equal(V1.OrderState.Filled, closed.State);
        var account = await gateway.Trading.GetAccountAsync(new V1.GetAccountRequest());
        Assert.True(account.Simulated);
        Assert.Equal(10_000 + closed.Profit - filled.Commission - closed.Commission, account.Balance, 6);
        Assert.Empty((await gateway.Trading.GetPositionsAsync(new V1.GetPositionsRequest())).Positions);

        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(new Uri(gateway.Process.HttpAddress, "/metrics"));
        Assert.Equal(2, MetricsText.Value(metrics, "releat_gateway_tick_to_order_seconds_count"));
        Assert.Contains("releat_gateway_orders_total{kind=\"open\",result=\"filled\"} 2", metrics, StringComparison.Ordinal);
        Assert.Matches("releat_gateway_ticks_total\\{symbol=\"EURUSD\"\\} [1-9]", metrics);
        Assert.Contains($"\"CorrelationId\":\"{correlation}\"", gateway.Process.Output, StringComparison.Ordinal);
        await watch.CancelAsync();
        await reading.WithTimeout();
    }

    [Fact]
    public async Task Invalid_orders_are_refused_before_reaching_the_broker()
    {
        await using var gateway = await GatewayFixture.StartAsync(TempFolder.Create(), new Dictionary<string, string> { ["Simulated__Speed"] = "50" });

        var noId = await Assert.ThrowsAsync<RpcException>(async () => await gateway.Trading.SendOrderAsync(
            new V1.OrderRequest { Symbol = "EURUSD", Side = V1.OrderSide.Buy, Volume = 1 }));
        var tooLong = await Assert.ThrowsAsync<RpcException>(async () => await gateway.Trading.SendOrderAsync(
            new V1.OrderRequest { ClientOrderId = new string('x', 32), Symbol = "EURUSD", Side = V1.OrderSide.Buy, Volume = 1 }));
        var noSide = await Assert.ThrowsAsync<RpcException>(async () => await gateway.Trading.SendOrderAsync(
            new V1.OrderRequest { ClientOrderId = "a", Symbol = "EURUSD", Volume = 1 }));
        var badVolume = await gateway.Trading.SendOrderAsync(
            new V1.OrderRequest { ClientOrderId = "b", Symbol = "EURUSD", Side = V1.OrderSide.Sell, Volume = 0.015 });

        Assert.All([noId, tooLong, noSide], e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
        Assert.Equal(V1.OrderState.Rejected, badVolume.State);
        Assert.Equal(10014, badVolume.Retcode);
    }

    [Fact]
    public async Task In_mt5_mode_terminal_ticks_arrive_in_utc_and_orders_reach_the_terminal()
    {
        const string secret = "gateway-test-secret";
        var bridgePort = FreePort.Next();
        await using var gateway = await GatewayFixture.StartAsync(TempFolder.Create(), new Dictionary<string, string>
        {
            ["Backend"] = "Mt5",
            ["Mt5Bridge__Port"] = bridgePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mt5Bridge__SharedSecret"] = secret,
        });
        await using var terminal = await FakeTerminal.ConnectAsync(bridgePort, secret, utcOffsetSeconds: 7200);
        Assert.Equal("WELCOME", terminal.Greeting);
        Assert.Equal(["SUBSCRIBE", "EURUSD"], await terminal.ExpectAsync("SUBSCRIBE"));

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var subscription = gateway.MarketData.SubscribeTicks(new V1.SubscribeTicksRequest(), cancellationToken: deadline.Token);
        var first = subscription.ResponseStream.MoveNext(deadline.Token);

        // The subscription registers when the server runs the call: send a tick each 100 ms (server time
        // 12:00:00.250 + n s on a UTC+2 server) until one arrives, and check its conversion to UTC.
        for (var n = 0; !first.IsCompleted && n < 100; n++)
        {
            await terminal.SendAsync($"TICK\tEURUSD\t{1704715200250 + (n * 1000)}\t1.09512\t1.09520\t0\t0\t6");
            await Task.WhenAny(first, Task.Delay(100));
        }

        Assert.True(await first.WithTimeout(), "no tick reached the subscriber");
        var tick = subscription.ResponseStream.Current;
        Assert.Equal(0, (tick.Time.ToDateTime() - new DateTime(2024, 1, 8, 10, 0, 0, 250, DateTimeKind.Utc)).Ticks % TimeSpan.TicksPerSecond);
        Assert.Equal(new DateTime(2024, 1, 8, 10, 0, 0, DateTimeKind.Utc).Date, tick.Time.ToDateTime().Date);
        Assert.Equal(10, tick.Time.ToDateTime().Hour);
        Assert.Equal(1.09512, tick.Bid);

        var order = gateway.Trading.SendOrderAsync(new V1.OrderRequest
        {
            ClientOrderId = "t00001-1704708000-0", Symbol = "EURUSD", Side = V1.OrderSide.Sell, Volume = 0.2, Magic = 7,
        });
        var sent = await terminal.ExpectAsync("ORDER");
        Assert.Equal(["t00001-1704708000-0", "EURUSD", "sell", "0.2"], sent[2..6]);
        await terminal.SendAsync($"RESULT\t{sent[1]}\tt00001-1704708000-0\t10009\t555\t666\t0.2\t1.09512\t1704715201000\t777\t0\t-1.4\t0\tt00001-1704708000-0");
        var result = await order.ResponseAsync.WithTimeout();

        Assert.Equal(V1.OrderState.Filled, result.State);
        Assert.Equal(777, result.PositionId);
        Assert.Equal(1.4, result.Commission, 9);
        Assert.Equal(new DateTime(2024, 1, 8, 10, 0, 1, DateTimeKind.Utc), result.FillTime.ToDateTime());

        // A realised loss on MT5 reaches the caller as the trader books it (AgentBook: realised = profit - commission):
        // profit with the swap, commission as a positive cost.
        var close = gateway.Trading.ClosePositionAsync(new V1.ClosePositionRequest { ClientOrderId = "t00001-1704711600-c", PositionId = 777 });
        var closing = await terminal.ExpectAsync("CLOSE");
        Assert.Equal(["t00001-1704711600-c", "777", "0"], closing[2..5]);
        await terminal.SendAsync($"RESULT\t{closing[1]}\tt00001-1704711600-c\t10009\t561\t670\t0.2\t1.09632\t1704718801000\t777\t-24\t-1.4\t-0.35\tt00001-1704711600-c");
        var closed = await close;

        Assert.Equal(V1.OrderState.Filled, closed.State);
        Assert.Equal(777, closed.PositionId);
        Assert.Equal(-24.35, closed.Profit, 9);
        Assert.Equal(1.4, closed.Commission, 9);
    }

    [Fact]
    public async Task In_mt5_mode_without_a_terminal_trading_is_unavailable()
    {
        await using var gateway = await GatewayFixture.StartAsync(TempFolder.Create(), new Dictionary<string, string>
        {
            ["Backend"] = "Mt5",
            ["Mt5Bridge__Port"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mt5Bridge__SharedSecret"] = "s",
        });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await gateway.Trading.GetAccountAsync(new V1.GetAccountRequest()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("No MT5 terminal", error.Status.Detail, StringComparison.Ordinal);
    }
}
