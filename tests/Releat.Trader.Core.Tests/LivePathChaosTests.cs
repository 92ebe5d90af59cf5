using System.Globalization;
using System.Text.RegularExpressions;
using Grpc.Core;
using Releat.Contracts.Channels;
using Releat.SignalBus.Redis;
using Releat.Testing;
using Releat.Trader.Core.Journal;
using Xunit.Abstractions;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Tests;

/// <summary>
/// Chaos on the live path as processes: redis-server (append-only, fsync always), the gateway on its simulated market
/// and the trader, each killed with SIGKILL at seeded random moments and started again, while this test publishes a
/// signal every quarter second as the signal service would (stamped with the gateway's market time, assuming the
/// trader's position). Then: every order the gateway received is in the journal exactly once, every signal is done
/// exactly once (acted on, held, refused with a reason, or stale by rule), and the broker's position equals the
/// trader's. The kill count is RELEAT_CHAOS_KILLS (scripts/chaos.sh sets it; without it the test skips), the seed
/// RELEAT_CHAOS_SEED.
/// </summary>
/// <remarks>
/// The simulated broker lives in the gateway's memory, so killing the gateway is killing the broker: it comes back
/// flat, on the market time where the last one stopped, and the trader reconciles its book to it. Each gateway
/// incarnation's log lists the orders it received.
/// </remarks>
public sealed partial class LivePathChaosTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [ChaosFact]
    [Trait("Category", "Chaos")]
    public async Task Processes_killed_at_random_lose_no_signal_and_repeat_no_order()
    {
        int kills = Setting("RELEAT_CHAOS_KILLS", 20);
        int seed = Setting("RELEAT_CHAOS_SEED", 15);
        var random = new Random(seed);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var redis = RedisServerProcess.Start();
        string folder = Directory.CreateTempSubdirectory("releat-chaos-").FullName;
        string journal = Path.Combine(folder, "journal.jsonl");
        var gateways = new List<ServiceProcess> { await LivePathProcesses.StartGatewayAsync(folder) };
        var traders = new List<ServiceProcess> { await ServiceProcess.StartAsync("trader", "Releat.Trader", LivePathProcesses.TraderEnvironment(folder, redis, gateways[0], "chaos")) };
        var killed = new Dictionary<string, int>(StringComparer.Ordinal) { ["trader"] = 0, ["gateway"] = 0, ["redis"] = 0 };
        using var stop = new CancellationTokenSource();
        var publisher = new ChaosPublisher(redis.Address, gateways[0].GrpcAddress, traders[0].GrpcAddress, random.Next());
        var publishing = publisher.RunAsync(stop.Token);
        try
        {
            for (int kill = 0; kill < kills; kill++)
            {
                // Kill when the publisher has gone on: a few signals between kills, so each kill meets traffic.
                await publisher.WaitForMoreAsync(1 + random.Next(4), Patience);
                string target = random.Next(3) switch { 0 => "trader", 1 => "gateway", _ => "redis" };
                killed[target]++;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds,6:0.0} s  kill {kill + 1}: {target} after {publisher.Published.Count} signals"));
                switch (target)
                {
                    case "trader":
                        await traders[^1].KillAsync(Patience);
                        traders.Add(await traders[^1].StartAgainAsync());
                        break;
                    case "gateway":
                        await gateways[^1].KillAsync(Patience);
                        var resume = DateTime.UnixEpoch.AddMilliseconds(publisher.LastMarketMs + 1000);
                        gateways.Add(await gateways[^1].StartAgainAsync(LivePathProcesses.GatewayEnvironment(folder, resume)));
                        break;
                    default:
                        redis.Restart();
                        break;
                }
            }

            await stop.CancelAsync();
            await publishing.WaitAsync(Patience);

            // Quiet: the trader finishes what is on the bus and reconciles with the broker.
            var signals = publisher.Published;
            await WaitForAsync(() => Task.FromResult(DoneDecisions(journal).Count >= signals.Count), "every signal done", traders[^1]);
            using var gatewayChannel = ReleatChannel.ForAddress(gateways[^1].GrpcAddress);
            using var traderChannel = ReleatChannel.ForAddress(traders[^1].GrpcAddress);
            var trading = new V1.Trading.TradingClient(gatewayChannel);
            var control = new V1.TraderControl.TraderControlClient(traderChannel);
            await WaitForAsync(async () => await BrokerLotsAsync(trading) == await TraderLotsAsync(control), "the broker's position equals the trader's", traders[^1]);

            var entries = TradeJournalReader.Read(journal).Entries;
            var done = entries.Where(e => e.Kind == JournalKinds.Done && e.DecisionMs is not null).ToList();
            var intents = entries.Where(e => e.Kind == JournalKinds.Intent).GroupBy(e => e.ClientOrderId!).ToDictionary(g => g.Key, g => g.Count());
            var received = gateways.SelectMany(g => OrderReceived().Matches(g.Output).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
            int duplicateSignals = done.GroupBy(e => e.DecisionMs).Count(g => g.Count() > 1);
            int lostSignals = signals.Count(s => !done.Exists(e => e.DecisionMs == s));
            int duplicateOrders = intents.Count(i => i.Value > 1);
            int unjournaledOrders = received.Count(id => !intents.ContainsKey(id));

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seed {seed}: {kills} kills (trader {killed["trader"]}, gateway {killed["gateway"]}, redis {killed["redis"]}) in {clock.Elapsed.TotalSeconds:0} s"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"signals {signals.Count}: {string.Join(", ", done.GroupBy(e => e.Outcome + (e.Reason is { } r ? "/" + r : "")).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))}; lost {lostSignals}, done twice {duplicateSignals}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"orders received by the gateways {received.Count}, journaled {intents.Count}; received but not journaled {unjournaledOrders}, journaled twice {duplicateOrders}; reconciliations {entries.Count(e => e.Kind == JournalKinds.Reconcile)}"));

            Assert.Equal(kills, killed.Values.Sum());
            Assert.Equal(0, lostSignals);
            Assert.Equal(0, duplicateSignals);
            Assert.Equal(0, unjournaledOrders);
            Assert.Equal(0, duplicateOrders);
            Assert.All(done, e => Assert.True(e.Outcome is "acted" or "held" || e.Reason is { Length: > 0 }, $"signal {e.DecisionMs} {e.Outcome} without a reason"));
            Assert.Null(TradeJournalReader.Scan(journal).Damage);
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var process in traders.Concat(gateways))
            {
                await process.DisposeAsync();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<double> BrokerLotsAsync(V1.Trading.TradingClient trading) =>
        Math.Round((await trading.GetPositionsAsync(new V1.GetPositionsRequest(), deadline: DateTime.UtcNow.AddSeconds(10))).Positions
            .Sum(p => p.Direction == V1.PositionDirection.Long ? p.Volume : -p.Volume), 6);

    private static async Task<double> TraderLotsAsync(V1.TraderControl.TraderControlClient control) =>
        Math.Round((await control.GetStatusAsync(new V1.GetTraderStatusRequest(), deadline: DateTime.UtcNow.AddSeconds(10))).Agents.Sum(a => a.PositionVolume), 6);

    private static HashSet<long> DoneDecisions(string journal) =>
        [.. TradeJournalReader.Read(journal).Entries.Where(e => e.Kind == JournalKinds.Done && e.DecisionMs is not null).Select(e => e.DecisionMs!.Value)];

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : fallback;

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what, ServiceProcess trader)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (RpcException)
            {
                // Still starting.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not reached within {Patience}: {what}; the trader's output:\n{trader.Output[^Math.Min(4000, trader.Output.Length)..]}");
            }

            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"Order (\S+) \((?:open|close)\) received")]
    private static partial Regex OrderReceived();
}
