using System.Globalization;
using System.Text.RegularExpressions;
using Grpc.Core;
using Releat.Contracts.Channels;
using Releat.Testing;
using Releat.Trader.Core.Journal;
using Releat.Trader.Core.Risk;
using Xunit.Abstractions;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Tests;

/// <summary>
/// Chaos on the live path as processes (<see cref="ChaosStack"/>): redis-server, the gateway, the trader and the signal
/// service, each killed with SIGKILL at seeded random moments (after a seeded number of new signals on the bus, so
/// every kill meets traffic) and started again. Then the signal service is stopped and everything is accounted for:
/// every decision on s00001's one-second grid between the first and the last signal is on the bus exactly once or
/// named by the signal service's log as skipped by the stale rule; every signal on the bus is done by the trader
/// exactly once (acted on, held, refused with a reason, or stale by rule); every order the gateways received is in the
/// journal exactly once; and the broker's position equals the trader's. The kill count is RELEAT_CHAOS_KILLS (default
/// 20, the suite's run), the seed RELEAT_CHAOS_SEED (default 15); scripts/chaos.sh runs as many as you like.
/// </summary>
/// <remarks>
/// No sleep decides anything: each step waits for a condition (signals on the bus, a healthy process, a journal line)
/// with a generous deadline, so a busy machine makes the run slower, not different.
/// </remarks>
public sealed partial class LivePathChaosTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static readonly string[] Targets = ["redis", "gateway", "trader", "signal"];

    [ChaosFact]
    [Trait("Category", "Chaos")]
    public async Task Processes_killed_at_random_lose_no_signal_publish_none_twice_and_repeat_no_order()
    {
        int kills = Setting("RELEAT_CHAOS_KILLS", 20);
        int seed = Setting("RELEAT_CHAOS_SEED", 15);
        var random = new Random(seed);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var stack = await ChaosStack.StartAsync();
        await using var bus = new BusAudit(stack.Redis.Address, ChaosStack.Agent);
        var killed = Targets.ToDictionary(t => t, _ => 0, StringComparer.Ordinal);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds,6:0.0} s  stack started (checkpoint trained)"));

        for (int kill = 0; kill < kills; kill++)
        {
            await bus.WaitForMoreAsync(1 + random.Next(3), Patience);
            string target = Targets[random.Next(Targets.Length)];
            killed[target]++;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds,6:0.0} s  kill {kill + 1}: {target} after {bus.Decisions.Count} signals"));
            await stack.KillAndRestartAsync(target).WaitAsync(Patience);
        }

        // The last signals, then the signal service stopped: what is on the bus now is all there will be.
        await bus.WaitForMoreAsync(2, Patience);
        await stack.Signal.StopAsync(Patience);
        await bus.ReadToEndAsync(Patience);
        var published = bus.Decisions;
        var onBus = published.ToHashSet();

        // Quiet: the trader finishes what is on the bus and reconciles with the broker.
        await WaitForAsync(() => Task.FromResult(onBus.IsSubsetOf(DoneDecisions(stack.Journal))), "every signal on the bus done", stack.Trader);
        using var gatewayChannel = ReleatChannel.ForAddress(stack.Gateway.GrpcAddress);
        using var traderChannel = ReleatChannel.ForAddress(stack.Trader.GrpcAddress);
        var trading = new V1.Trading.TradingClient(gatewayChannel);
        var control = new V1.TraderControl.TraderControlClient(traderChannel);
        await WaitForAsync(async () => await BrokerLotsAsync(trading) == await TraderLotsAsync(control), "the broker's position equals the trader's", stack.Trader);

        // The signal service: every decision on the grid published once, or skipped by the stale rule as its log says.
        var signalLogs = stack.Signals.Select(s => s.Output).ToList();
        var skipped = SignalServiceLog.SkippedAsStale(signalLogs, ChaosStack.DecisionStepMs);
        int publishedTwice = published.GroupBy(t => t).Count(g => g.Count() > 1);
        var grid = Grid(published[0], published[^1]);
        var lostDecisions = grid.Where(t => !onBus.Contains(t) && !skipped.Contains(t)).ToList();
        int skippedOnGrid = grid.Count(t => !onBus.Contains(t) && skipped.Contains(t));

        // The trader: every signal done once; every order the broker received journaled once.
        var entries = TradeJournalReader.Read(stack.Journal).Entries;
        var done = entries.Where(e => e.Kind == JournalKinds.Done && e.DecisionMs is { } d && onBus.Contains(d)).ToList();
        int doneTwice = done.GroupBy(e => e.DecisionMs).Count(g => g.Count() > 1);
        int notDone = onBus.Count(t => !done.Exists(e => e.DecisionMs == t));
        var intents = entries.Where(e => e.Kind == JournalKinds.Intent).GroupBy(e => e.ClientOrderId!).ToDictionary(g => g.Key, g => g.Count());
        var received = stack.Gateways.SelectMany(g => OrderReceived().Matches(g.Output).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        int duplicateOrders = intents.Count(i => i.Value > 1);
        int unjournaledOrders = received.Count(id => !intents.ContainsKey(id));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}: {kills} kills ({string.Join(", ", Targets.Select(t => $"{t} {killed[t]}"))}) in {clock.Elapsed.TotalSeconds:0} s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"decisions on the grid {grid.Count}: published {onBus.Count}, skipped as stale by the signal service {skippedOnGrid}, published twice {publishedTwice}, lost {lostDecisions.Count}{(lostDecisions.Count > 0 ? " (" + string.Join(", ", lostDecisions.Take(10)) + ")" : "")}; not published again after a restart {SignalServiceLog.NotPublishedAgain(signalLogs)}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"signals done by the trader {done.Count}: acted {done.Count(e => e.Outcome == "acted")}, held {done.Count(e => e.Outcome == "held")}, stale {done.Count(e => e.Reason == RejectReasons.Stale)}, refused {done.Count(e => e.Outcome == "rejected" && e.Reason != RejectReasons.Stale)} ({string.Join(", ", done.Where(e => e.Outcome == "rejected" && e.Reason != RejectReasons.Stale).GroupBy(e => e.Reason).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))}); not done {notDone}, done twice {doneTwice}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"orders received by the gateways {received.Count}, journaled {intents.Count}; received but not journaled {unjournaledOrders}, journaled twice {duplicateOrders}; reconciliations {entries.Count(e => e.Kind == JournalKinds.Reconcile)}"));

        Assert.Equal(kills, killed.Values.Sum());
        Assert.Equal(0, publishedTwice);
        Assert.Empty(lostDecisions);
        Assert.Equal(0, notDone);
        Assert.Equal(0, doneTwice);
        Assert.Equal(0, unjournaledOrders);
        Assert.Equal(0, duplicateOrders);
        Assert.All(done, e => Assert.True(e.Outcome is "acted" or "held" || e.Reason is { Length: > 0 }, $"signal {e.DecisionMs} {e.Outcome} without a reason"));
        Assert.Null(TradeJournalReader.Scan(stack.Journal).Damage);
    }

    private static List<long> Grid(long first, long last)
    {
        var grid = new List<long>();
        for (long t = first; t <= last; t += ChaosStack.DecisionStepMs)
        {
            grid.Add(t);
        }

        return grid;
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
