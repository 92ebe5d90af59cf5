using System.Globalization;
using Releat.MarketData.Time;
using Releat.Testing;
using Releat.Testing.Mt5;
using Releat.Trader.Core.Engine;
using Releat.Trader.Core.Orders;
using Releat.Trader.Core.Risk;
using static Releat.Trader.Core.Tests.TradeSignals;

namespace Releat.Trader.Core.Tests;

/// <summary>
/// The trader on an MT5 account end to end: the gateway process in MT5 mode, its bridge, and the EA's logic over a
/// fake trade server (<see cref="SimulatedTerminal"/>), with the trader's gRPC client between. The simulated venue
/// books realised losses itself; on MT5 they come only in the close's RESULT, and must still reach the agent's daily
/// P&amp;L and fire its loss limit.
/// </summary>
public sealed class Mt5LossLimitTests
{
    [Fact]
    public async Task A_loss_realised_on_mt5_reaches_the_daily_pnl_and_fires_the_agent_loss_limit()
    {
        const string secret = "mt5-loss-limit-secret";
        int bridgePort = FreePort.Next();
        string folder = Path.Combine(Path.GetTempPath(), "releat-trader-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using var gateway = await ServiceProcess.StartAsync("mt5-gateway", "Releat.Mt5Gateway", new Dictionary<string, string>
            {
                ["Gateway__DataRoot"] = folder,
                ["Gateway__RecordTicks"] = "false",
                ["Gateway__Backend"] = "Mt5",
                ["Mt5Bridge__Port"] = bridgePort.ToString(CultureInfo.InvariantCulture),
                ["Mt5Bridge__SharedSecret"] = secret,
            });
            var server = new FakeTradeServer(TimeProvider.System) { Bid = 1.1000, Ask = 1.1002 };
            await using var terminal = await SimulatedTerminal.ConnectAsync(bridgePort, secret, server);
            Assert.Equal("WELCOME", terminal.Greeting);
            using var orders = GrpcOrderGateway.Connect(new GrpcOrderGatewayOptions { Address = gateway.GrpcAddress.ToString() });

            // The MT5 venue stamps the account with the gateway's clock and the fills with the trade server's: the signals
            // are decisions of now, all on one UTC day (the daily P&L counts fills of the trader's day).
            await WaitForRoomInTheUtcDayAsync();
            using var trader = new TraderHarness(orders, agents: TraderHarness.Agent("t1", lotSizePerUnit: 1, dailyLossLimit: 100, staleSeconds: 60));
            trader.Market.Advance(DecisionNow());
            await trader.Engine.StartAsync().WithTimeout();

            var opened = await trader.HandleAsync(At(DecisionNow(), OpenLong1)).WithTimeout();
            Assert.Equal(SignalOutcomeKind.Acted, opened.Kind);
            Assert.Single(server.Positions);

            server.Bid = 1.0980; // the long lot bought at the ask 1.1002 sells at 1.0980: -22 pips, -220.00
            server.Ask = 1.0982;
            await trader.HandleAsync(At(DecisionNow(), CloseLong1, assumedLots: 1)).WithTimeout();
            var refused = await trader.HandleAsync(At(DecisionNow(), OpenLong1)).WithTimeout();

            Assert.Empty(server.Positions);
            Assert.Equal(2, server.VisibleDeals.Count); // one open, one close: nothing doubled
            Assert.Equal(-234, trader.Engine.AgentDailyPnl()["t1"], 6); // with the commission MT5 books on both deals: 7 + 220 + 7
            Assert.Equal(RejectReasons.DailyLossLimit, refused.Reason);
            Assert.Contains(trader.ReadJournal(), e => e is { Kind: "agent_paused", Agent: "t1" });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private long _lastDecision;

    /// <summary>A decision time of now, at least a second after the last one (signals are told apart by their time).</summary>
    private long DecisionNow() =>
        _lastDecision = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), _lastDecision + 1_000);

    /// <summary>Waits past midnight when less than five minutes of the UTC day are left, so the test's trades share one day.</summary>
    private static async Task WaitForRoomInTheUtcDayAsync()
    {
        long left = UtcTime.MsPerDay - (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() % UtcTime.MsPerDay);
        if (left < 300_000)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(left + 1_000));
        }
    }
}
