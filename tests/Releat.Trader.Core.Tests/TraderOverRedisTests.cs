using Releat.SignalBus;
using Releat.SignalBus.Redis;
using Releat.Testing;
using Releat.Trader.Core.Journal;
using StackExchange.Redis;

namespace Releat.Trader.Core.Tests;

/// <summary>The trader's loop on a real redis-server (append-only, fsync always), with a publisher as the signal service would run it.</summary>
public sealed class TraderOverRedisTests
{
    private static readonly string[] Agents = ["a", "b"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Signals_flow_from_a_publisher_through_redis_to_orders()
    {
        using var redis = RedisServerProcess.Start();
        await using var publisher = Bus(redis);
        await using var bus = Bus(redis);
        using var trader = Trader();
        await trader.StartAsync();
        var running = RunningTrader.Start(trader, bus);

        const int perAgent = 20;
        await PublishAsync(publisher, perAgent);

        Assert.True(await RunningTrader.WaitForDoneAsync(trader, running.Run, Batches(perAgent), Patience), "not every signal was handled");
        await running.StopAsync();
        SignalStream.AssertExactlyOnce(trader, Agents, perAgent);
        Assert.Equal(0, await PendingAsync(redis, "a") + await PendingAsync(redis, "b"));
        Assert.Equal(2 * perAgent, trader.Engine.Status.Agents.Sum(a => a.SignalsActed));
    }

    [Fact]
    public async Task Trader_killed_and_restarted_mid_stream_acts_on_every_signal_exactly_once()
    {
        using var redis = RedisServerProcess.Start();
        await using var publisher = Bus(redis);
        var bus = new CrashingBus(Bus(redis));
        using var trader = Trader();
        await trader.StartAsync();
        const int perAgent = 40;
        var publishing = PublishAsync(publisher, perAgent, pause: TimeSpan.FromMilliseconds(15));

        // Death 1: the broker executed an order; the trader never heard the answer.
        trader.Broker.CrashAfterExecution = 3;
        var run = RunningTrader.Start(trader, bus);
        await Assert.ThrowsAsync<SimulatedCrash>(() => run.Run.WaitAsync(Patience));

        // Death 2: a signal's orders are journaled, but the trader dies before acknowledging it.
        trader.Restart();
        await trader.StartAsync();
        bus.CrashOnAcknowledgement = bus.Acknowledgements + 6;
        run = RunningTrader.Start(trader, bus);
        await Assert.ThrowsAsync<SimulatedCrash>(() => run.Run.WaitAsync(Patience));

        // Death 3: killed while the journal's next line was being written: the file ends with the first half of it.
        string torn = "";
        trader.Restart(() =>
        {
            torn = TornNextLine(trader.JournalPath);
            File.AppendAllText(trader.JournalPath, torn);
        });
        Assert.Equal(torn, trader.Journal.Contents.TornTail);
        Assert.Equal(trader.Journal.Contents.ValidLength, new FileInfo(trader.JournalPath).Length);
        await trader.StartAsync();
        int doneBefore = DoneCount(trader);
        run = RunningTrader.Start(trader, bus);
        // It goes on past the cut (or had nothing left to do) before this run is stopped in turn.
        var progress = DateTime.UtcNow + Patience;
        while (DoneCount(trader) == doneBefore && doneBefore < Batches(perAgent).Count && !run.Run.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < progress, $"no signal was handled within {Patience} after the torn line was cut");
            await Task.Delay(20);
        }

        await run.StopAsync();

        trader.Restart();
        await trader.StartAsync();
        run = RunningTrader.Start(trader, bus);
        await publishing;
        Assert.True(await RunningTrader.WaitForDoneAsync(trader, run.Run, Batches(perAgent), Patience), "not every signal was handled");
        await run.StopAsync();

        SignalStream.AssertExactlyOnce(trader, Agents, perAgent);
        Assert.Equal(0, await PendingAsync(redis, "a") + await PendingAsync(redis, "b"));
        // After the cut, every line written is a good record in sequence: the tear left no trace.
        Assert.Null(TradeJournalReader.Scan(trader.JournalPath).Damage);
        // The order the broker executed before death 1 was finished from the journal, not decided again.
        Assert.Contains(TradeJournalReader.Read(trader.JournalPath).Entries, e => e.Kind == JournalKinds.Done && e.Reason == "recovered");
        await bus.DisposeAsync();
    }

    [Fact]
    public async Task Redis_restarted_mid_stream_loses_nothing_after_reconnecting()
    {
        using var redis = RedisServerProcess.Start();
        await using var publisher = Bus(redis);
        await using var bus = Bus(redis);
        using var trader = Trader();
        await trader.StartAsync();
        var running = RunningTrader.Start(trader, bus);

        const int perAgent = 24;
        await PublishAsync(publisher, perAgent, pause: TimeSpan.FromMilliseconds(10), midway: () => redis.Restart(TimeSpan.FromMilliseconds(500)));

        Assert.True(await RunningTrader.WaitForDoneAsync(trader, running.Run, Batches(perAgent), Patience), "not every signal was handled");
        await running.StopAsync();
        SignalStream.AssertExactlyOnce(trader, Agents, perAgent);
        Assert.Equal(0, await PendingAsync(redis, "a") + await PendingAsync(redis, "b"));
    }

    [Fact]
    public async Task A_signal_published_twice_places_one_order()
    {
        using var redis = RedisServerProcess.Start();
        await using var publisher = Bus(redis);
        await using var bus = Bus(redis);
        using var trader = Trader();
        await trader.StartAsync();
        var running = RunningTrader.Start(trader, bus, "a");

        var signal = SignalStream.Signal("a", 0);
        await publisher.PublishAsync(signal);
        await publisher.PublishAsync(signal);
        await publisher.PublishAsync(SignalStream.Signal("a", 1));

        Assert.True(await RunningTrader.WaitForDoneAsync(trader, running.Run, [SignalStream.BatchOf("a", 0), SignalStream.BatchOf("a", 1)], Patience));
        await WaitUntilAsync(async () => await PendingAsync(redis, "a") == 0);
        await running.StopAsync();

        Assert.Single(trader.Broker.Executed);
        Assert.Single(TradeJournalReader.Read(trader.JournalPath).Entries, e => e.Kind == JournalKinds.Done && e.Batch == SignalStream.BatchOf("a", 0));
    }

    [Fact]
    public async Task Embedded_mode_runs_the_same_loop_on_the_in_memory_bus()
    {
        await using var bus = new SignalBus.InMemory.InMemorySignalBus();
        using var trader = Trader();
        await trader.StartAsync();
        var running = RunningTrader.Start(trader, bus);

        const int perAgent = 12;
        await PublishAsync(bus, perAgent);

        Assert.True(await RunningTrader.WaitForDoneAsync(trader, running.Run, Batches(perAgent), Patience));
        await running.StopAsync();
        SignalStream.AssertExactlyOnce(trader, Agents, perAgent);
    }

    /// <summary>The first half of the line that would follow the journal's last one, numbered as that line.</summary>
    private static string TornNextLine(string journal)
    {
        string[] lines = File.ReadAllLines(journal);
        string next = lines[^1].Replace($"{{\"seq\":{lines.Length},", $"{{\"seq\":{lines.Length + 1},", StringComparison.Ordinal);
        Assert.StartsWith($"{{\"seq\":{lines.Length + 1},", next, StringComparison.Ordinal);
        return next[..(next.Length / 2)];
    }

    private static int DoneCount(TraderHarness trader) =>
        TradeJournalReader.Read(trader.JournalPath).Entries.Count(e => e.Kind == JournalKinds.Done && e.Batch is not null);

    private static TraderHarness Trader() =>
        new(agents: [TraderHarness.Agent("a", staleSeconds: 86_400), TraderHarness.Agent("b", staleSeconds: 86_400)]);

    private static RedisSignalBus Bus(RedisServerProcess redis) =>
        new(new RedisSignalBusOptions { Address = redis.Address, MaxBlock = TimeSpan.FromMilliseconds(300) });

    private static List<string> Batches(int perAgent) =>
        [.. Agents.SelectMany(a => Enumerable.Range(0, perAgent).Select(n => SignalStream.BatchOf(a, n)))];

    /// <summary>Publishes each agent's stream in decision order, retrying while the bus is away, as the signal service does.</summary>
    private static async Task PublishAsync(ISignalBus bus, int perAgent, TimeSpan pause = default, Action? midway = null)
    {
        for (int n = 0; n < perAgent; n++)
        {
            if (n == perAgent / 2)
            {
                midway?.Invoke();
            }

            foreach (var agent in Agents)
            {
                while (true)
                {
                    try
                    {
                        await bus.PublishAsync(SignalStream.Signal(agent, n));
                        break;
                    }
                    catch (SignalBusUnavailableException)
                    {
                        await Task.Delay(50);
                    }
                }
            }

            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause);
            }
        }
    }

    private static async Task<long> PendingAsync(RedisServerProcess redis, string agent)
    {
        using var connection = await PatientRedis.ConnectAsync(redis.Address);
        var summary = (RedisResult[])(await connection.GetDatabase().ExecuteAsync("XPENDING", "releat:agent:" + agent + ":signals", "trader"))!;
        return (long)summary[0];
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }
}
