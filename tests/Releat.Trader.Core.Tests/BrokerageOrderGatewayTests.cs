using Releat.MarketData.Model;
using Releat.MarketData.Time;
using Releat.Testing;
using Releat.MarketData.Trading;
using Releat.Trader.Core.Engine;
using Releat.Trader.Core.Journal;
using Releat.Trader.Core.Market;
using Releat.Trader.Core.Orders;
using static Releat.Trader.Core.Tests.TradeSignals;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Tests;

/// <summary>The embedded demo's path: the trader's engine ordering from a simulated broker in the same process.</summary>
public sealed class BrokerageOrderGatewayTests
{
    [Fact]
    public async Task Engine_trades_with_the_simulated_broker_fills_on_a_later_tick_and_a_repeated_id_trades_once()
    {
        var sync = new object();
        var clock = new SimulatedClock(Start);
        var broker = new SimulatedBroker(SymbolCatalog.Defaults, new BrokerSettings(), clock);
        using var gateway = new BrokerageOrderGateway(broker, sync, TimeSpan.FromSeconds(10));
        var market = new MarketWatch();
        using var stopTicks = new CancellationTokenSource();
        var ticking = Task.Run(async () =>
        {
            // The market: a quote every 5 ms of wall time, 250 ms apart in market time, pushed under the shared lock.
            long time = Start;
            while (!stopTicks.IsCancellationRequested)
            {
                time += 250;
                var tick = new Tick(time, 1.10000, 1.10010);
                lock (sync)
                {
                    clock.AdvanceTo(time);
                    broker.OnTick("EURUSD", tick);
                }

                market.OnTick("EURUSD", tick);
                await Task.Delay(5);
            }
        });
        string folder = Path.Combine(Path.GetTempPath(), "releat-trader-brokerage", Guid.NewGuid().ToString("N"));
        try
        {
            using var journal = TradeJournal.Open(Path.Combine(folder, "journal.jsonl"));
            using var engine = new TraderEngine([TraderHarness.Agent("t1", staleSeconds: 3_600)], gateway, journal, market);
            await engine.StartAsync().WithTimeout();
            // The signal must not come before the market's first tick: it would be refused for want of a clock.
            await Eventually.WaitUntilAsync(() => market.NowMs is not null, "the market's first tick");

            var opened = await engine.HandleAsync(Nth(1, OpenLong2), "0-1").WithTimeout();
            Assert.True(opened.Orders.Count == 1, $"{opened.Kind} {opened.Reason}");
            var order = opened.Orders[0];
            Assert.Equal(V1.OrderState.Filled, order.State);
            Assert.Equal(1.10010, order.FillPrice, 10);
            Assert.True(ContractTime.ToMilliseconds(order.FillTime) > Start);
            Assert.True(order.Commission >= 0);

            var again = await gateway.SendOrderAsync(new V1.OrderRequest
            {
                ClientOrderId = order.ClientOrderId, Symbol = "EURUSD", Side = V1.OrderSide.Buy, Volume = 0.02,
            }).WithTimeout();
            Assert.Equal(order.OrderId, again.OrderId);
            Assert.Single(await gateway.GetPositionsAsync().WithTimeout());

            var closed = await engine.HandleAsync(Nth(2, CloseLong2, assumedLots: 0.02), "0-2").WithTimeout();
            Assert.Equal(V1.OrderState.Filled, Assert.Single(closed.Orders).State);
            Assert.Empty(await gateway.GetPositionsAsync().WithTimeout());
            var account = await gateway.GetAccountAsync().WithTimeout();
            Assert.True(account.Simulated);
            Assert.Equal(account.Balance, account.Equity, 6);
        }
        finally
        {
            await stopTicks.CancelAsync();
            await ticking.WithTimeout();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Unreachable_grpc_gateway_is_reported_as_unavailable_after_its_retries()
    {
        using var gateway = GrpcOrderGateway.Connect(new GrpcOrderGatewayOptions
        {
            Address = "http://127.0.0.1:" + FreePort.Next(),
            MaxRetryAttempts = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        });

        var error = await Assert.ThrowsAsync<OrderGatewayUnavailableException>(() => gateway.GetAccountAsync());
        Assert.Contains("GetAccount", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<OrderGatewayUnavailableException>(() => gateway.SendOrderAsync(
            new V1.OrderRequest { ClientOrderId = "t1-x-0", Symbol = "EURUSD", Side = V1.OrderSide.Buy, Volume = 0.01 }));
    }
}
