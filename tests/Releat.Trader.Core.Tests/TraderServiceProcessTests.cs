using Releat.Contracts.Channels;
using Releat.SignalBus.Redis;
using Releat.Testing;
using Releat.Trader.Core.Journal;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Tests;

/// <summary>
/// The whole path as deployed: redis-server, the mt5-gateway process on its simulated market, the trader process
/// for agent t00001, and this test as the signal service, publishing decisions stamped with the gateway's market time.
/// </summary>
public sealed class TraderServiceProcessTests
{
    private const string Agent = "t00001";

    private long _lastDecision;

    [Fact]
    public async Task Trader_process_trades_through_the_gateway_answers_control_calls_and_survives_a_kill()
    {
        using var redis = RedisServerProcess.Start();
        string folder = Path.Combine(Path.GetTempPath(), "releat-trader-process", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await using var gateway = await LivePathProcesses.StartGatewayAsync(folder);
        using var gatewayChannel = ReleatChannel.ForAddress(gateway.GrpcAddress);
        var trading = new V1.Trading.TradingClient(gatewayChannel);
        await using var publisher = new RedisSignalBus(new RedisSignalBusOptions { Address = redis.Address });
        var environment = LivePathProcesses.TraderEnvironment(folder, redis, gateway, "trader-a");
        var trader = await ServiceProcess.StartAsync("trader", "Releat.Trader", environment);
        try
        {
            using var channel = ReleatChannel.ForAddress(trader.GrpcAddress);
            var control = new V1.TraderControl.TraderControlClient(channel);

            // Open: one long unit of t00001 is 0.01 lots at the gateway.
            long open = await PublishAsync(publisher, trading, action: 1, assumedLots: 0);
            await WaitForAsync(() => Task.FromResult(IsDone(folder, open)), trader);
            var position = Assert.Single((await trading.GetPositionsAsync(new V1.GetPositionsRequest())).Positions);
            Assert.Equal(0.01, position.Volume, 10);
            Assert.Equal(V1.PositionDirection.Long, position.Direction);

            // Killed without warning after a signal was published; the restarted trader acts on it exactly once.
            // After t00001's minimum hold: its operating rules refuse an earlier close.
            // (counted from the fill, which comes a little after the decision).
            long close = await PublishAsync(publisher, trading, action: 2, assumedLots: 0.01, notBeforeMs: ContractTime.ToMilliseconds(position.OpenTime) + 31_000);
            await trader.DisposeAsync();
            trader = await ServiceProcess.StartAsync("trader", "Releat.Trader", environment);
            await WaitForAsync(() => Task.FromResult(IsDone(folder, close)), trader);

            Assert.Empty((await trading.GetPositionsAsync(new V1.GetPositionsRequest())).Positions);
            var journal = TradeJournalReader.Read(Path.Combine(folder, "journal.jsonl")).Entries;
            Assert.Single(journal, e => e.Kind == JournalKinds.Done && e.DecisionMs == close);
            Assert.Equal(2, journal.Count(e => e.Kind == JournalKinds.Result && e.State == "filled"));

            // Control: pause refuses signals, resume, flatten closes what is open and pauses.
            using var restartedChannel = ReleatChannel.ForAddress(trader.GrpcAddress);
            control = new V1.TraderControl.TraderControlClient(restartedChannel);
            var paused = await control.PauseAsync(new V1.PauseRequest { Reason = "test" });
            Assert.True(paused.Paused);
            long refused = await PublishAsync(publisher, trading, action: 1, assumedLots: 0);
            await WaitForAsync(() => Task.FromResult(IsDone(folder, refused)), trader);
            Assert.Contains(
                TradeJournalReader.Read(Path.Combine(folder, "journal.jsonl")).Entries,
                e => e.Kind == JournalKinds.Done && e.DecisionMs == refused && e.Reason == "paused");
            Assert.False((await control.ResumeAsync(new V1.ResumeRequest())).Paused);
            long reopen = await PublishAsync(publisher, trading, action: 3, assumedLots: 0);
            await WaitForAsync(() => Task.FromResult(IsDone(folder, reopen)), trader);
            var flattened = await control.FlattenAllAsync(new V1.FlattenAllRequest { Reason = "end of test" });
            Assert.Equal(V1.OrderState.Filled, Assert.Single(flattened.Results).State);
            Assert.True(flattened.Status.Paused);
            Assert.Empty((await trading.GetPositionsAsync(new V1.GetPositionsRequest())).Positions);

            var status = await control.GetStatusAsync(new V1.GetTraderStatusRequest());
            var agent = Assert.Single(status.Agents);
            Assert.Equal(Agent, agent.AgentId);
            Assert.Equal(0, agent.PositionVolume);
            Assert.True(status.Equity > 0);

            using var http = new HttpClient();
            var metrics = await http.GetStringAsync(new Uri(trader.HttpAddress, "/metrics"));
            Assert.Contains("releat_trader_orders_total{result=\"filled\"}", metrics, StringComparison.Ordinal);
            Assert.Contains("releat_trader_signals_total{outcome=\"rejected\",reason=\"paused\"}", metrics, StringComparison.Ordinal);
            Assert.Contains("releat_trader_position{agent=\"t00001\",symbol=\"EURUSD\"}", metrics, StringComparison.Ordinal);
            var (exitCode, promtool) = Promtool.CheckMetrics(metrics);
            Assert.True(exitCode == 0, promtool);
            Assert.Equal(0, await trader.StopAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            await trader.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_second_trader_on_the_same_journal_is_refused_naming_the_first_which_trades_on_unharmed()
    {
        using var redis = RedisServerProcess.Start();
        string folder = Path.Combine(Path.GetTempPath(), "releat-trader-process", Guid.NewGuid().ToString("N"));
        string journal = Path.Combine(folder, "journal.jsonl");
        Directory.CreateDirectory(folder);
        try
        {
            await using var gateway = await LivePathProcesses.StartGatewayAsync(folder);
            using var gatewayChannel = ReleatChannel.ForAddress(gateway.GrpcAddress);
            var trading = new V1.Trading.TradingClient(gatewayChannel);
            await using var publisher = new RedisSignalBus(new RedisSignalBusOptions { Address = redis.Address });
            await using var first = await ServiceProcess.StartAsync("trader", "Releat.Trader", LivePathProcesses.TraderEnvironment(folder, redis, gateway, "trader-a"));
            long open = await PublishAsync(publisher, trading, action: 1, assumedLots: 0);
            await WaitForAsync(() => Task.FromResult(IsDone(folder, open)), first);
            byte[] before = File.ReadAllBytes(journal);

            // The second trader (another consumer, as a second `releat start` or a rolling update would run it).
            string refusal;
            try
            {
                await using var second = await ServiceProcess.StartAsync("trader", "Releat.Trader", LivePathProcesses.TraderEnvironment(folder, redis, gateway, "trader-b"));
                Assert.NotEqual(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));
                refusal = second.Output;
            }
            catch (InvalidOperationException e)
            {
                refusal = e.Message;
            }

            Assert.Contains($"{journal} already has a writer: pid {first.Pid} on host {Environment.MachineName}", refusal, StringComparison.Ordinal);
            Assert.Equal(before, File.ReadAllBytes(journal));

            // The first goes on: it handles the next signal, and every line of its journal is a good record in turn.
            long next = await PublishAsync(publisher, trading, action: 1, assumedLots: 0.01);
            await WaitForAsync(() => Task.FromResult(IsDone(folder, next)), first);
            Assert.False(first.HasExited);
            var scan = TradeJournalReader.Scan(journal);
            Assert.Null(scan.Damage);
            Assert.Equal(scan.CheckedLines, scan.Entries.Count);
            Assert.Equal(0, await first.StopAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Publishes a decision stamped with the gateway's market time (as the signal service does) and returns that time.
    /// Waits for the market to move past the previous decision first: a decision time identifies a signal.
    /// </summary>
    private async Task<long> PublishAsync(RedisSignalBus bus, V1.Trading.TradingClient trading, int action, double assumedLots, long notBeforeMs = 0)
    {
        long now;
        do
        {
            var account = await trading.GetAccountAsync(new V1.GetAccountRequest());
            now = ContractTime.ToMilliseconds(account.Time);
            if (now <= _lastDecision || now < notBeforeMs)
            {
                await Task.Delay(20);
            }
        }
        while (now <= _lastDecision || now < notBeforeMs);

        _lastDecision = now;
        await bus.PublishAsync(new V1.Signal
        {
            AgentId = Agent,
            Symbol = "EURUSD",
            DecisionTime = ContractTime.ToTimestamp(now),
            Decision = new V1.PolicyDecision { Action = action },
            PositionVolume = assumedLots,
        });
        return now;
    }

    private static bool IsDone(string folder, long decisionMs) =>
        TradeJournalReader.Read(Path.Combine(folder, "journal.jsonl")).Entries.Any(e => e.Kind == JournalKinds.Done && e.DecisionMs == decisionMs);

    private static async Task WaitForAsync(Func<Task<bool>> condition, ServiceProcess trader)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the trader did not get there within 30 s; its output:\n" + trader.Output);
            }

            await Task.Delay(50);
        }
    }
}
