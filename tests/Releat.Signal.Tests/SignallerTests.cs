using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Releat.MarketData.Model;
using Releat.Signal.Core.Live;
using Releat.Signal.Core.Policy;
using Releat.SignalBus.InMemory;
using Releat.Testing;
using Releat.Trading;
using V1 = Releat.Contracts.V1;

namespace Releat.Signal.Tests;

/// <summary>
/// The signaller on the market's ticks against the batch-built dataset: each published decision saw the dataset
/// row's observation and the trader's position marked at the previous row's window, in its three variants.
/// </summary>
[Collection(SmallMarketGroup.Name)]
public sealed class SignallerTests(SmallMarket market)
{
    [Fact]
    public async Task Live_decisions_equal_the_datasets_for_the_held_position_as_if_flat_and_hedged()
    {
        var bus = new InMemorySignalBus();
        AgentPolicy policy = market.Policy(seed: 11);
        AgentPolicy reference = market.Policy(seed: 11);
        var observed = new Dictionary<long, (V1.Signal Signal, float[] Observation, AgentPosition Position)>();
        AgentPosition holding = AgentPosition.Flat;
        var signaller = new LiveAgentSignaller(market.Plan, policy, bus, new SignallerOptions
        {
            Published = signal =>
            {
                long time = Millis(signal.DecisionTime);
                observed[time] = (signal, policy.LastObservation.ToArray(), holding);

                // The trader's position changes as it acts: flat, then one unit long (held past the maximum hold),
                // then two units short; fills come a moment after the decision.
                int phase = observed.Count % 100;
                holding = phase switch
                {
                    0 => AgentPosition.Flat,
                    25 => new AgentPosition(1, 1.10012, time),
                    60 => new AgentPosition(-2, 1.09995, time),
                    _ => holding,
                };
                bus.PostHoldingAsync(Holding(holding, fillDelayMs: 300)).GetAwaiter().GetResult();
            },
        });

        foreach (Tick tick in market.Ticks)
        {
            await signaller.OnTickAsync(tick, Stopwatch.GetTimestamp());
        }

        var choice = new PolicyChoice(reference.Actions.Count);
        int compared = 0;
        foreach ((long time, (V1.Signal signal, float[] observation, AgentPosition position)) in observed)
        {
            int row = market.RowOf(time);
            if (row < 1)
            {
                continue;
            }

            Assert.Equal(position.IsFlat ? 0 : position.Units * 0.01, signal.PositionVolume, 12);
            Assert.Equal(MatchingDecision(reference, row, position, choice), signal.Decision);
            AgentPolicyTests.AssertBitwiseEqual(reference.LastObservation, observation, time);
            Assert.Equal(MatchingDecision(reference, row, AgentPosition.Flat, choice), signal.FlatDecision);
            Assert.Equal(MatchingDecision(reference, row, position with { Units = -position.Units }, choice), signal.HedgeDecision);
            Assert.Equal("test/a", signal.CheckpointId);
            Assert.True(Millis(signal.FeatureTime) < time, "features end before the decision");
            long closing = long.Parse(signal.CorrelationId["EURUSD@".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.StartsWith("EURUSD@", signal.CorrelationId, StringComparison.Ordinal);
            Assert.InRange(closing, time, time + 5_000);
            compared++;
        }

        Assert.True(compared > 8000, $"{compared} decisions compared");
        Assert.Contains(observed.Values, o => o.Position.Side > 0 && o.Signal.Decision.Probabilities.Count(p => p > 0) == 1);
        Assert.Equal(0, signaller.LateTicks);
        Assert.Equal(signaller.Decisions - signaller.StaleDecisions, signaller.SignalsPublished);
    }

    [Fact]
    public async Task While_catching_up_decisions_older_than_the_stale_age_are_not_published_but_the_features_follow()
    {
        var uninterrupted = await RunAsync(market, market.Policy(seed: 3), market.Ticks);
        int live = Array.FindIndex(market.Ticks, t => t.TimeMs >= AgentPolicyTests.Monday(1, 0, 0));
        var catchingUp = new List<V1.Signal>();
        var signaller = new LiveAgentSignaller(market.Plan, market.Policy(seed: 3), new InMemorySignalBus(), new SignallerOptions { Published = catchingUp.Add });

        signaller.MarkNewestTick(market.Ticks[live].TimeMs);
        foreach (Tick tick in market.Ticks)
        {
            await signaller.OnTickAsync(tick, Stopwatch.GetTimestamp());
        }

        Assert.All(catchingUp, s => Assert.True(Millis(s.DecisionTime) >= market.Ticks[live].TimeMs - 5_000));
        Assert.True(signaller.StaleDecisions > 3000, $"{signaller.StaleDecisions} stale decisions");
        var expected = uninterrupted.Where(s => Millis(s.DecisionTime) >= Millis(catchingUp[0].DecisionTime)).ToList();
        Assert.Equal(expected, catchingUp, new SameDecision());
    }

    [Fact]
    public async Task A_policy_swapped_in_decides_from_the_next_decision_and_never_mixes_with_the_old()
    {
        AgentPolicy a = market.Policy(seed: 21, "main/step-000000000064");
        AgentPolicy b = market.Policy(seed: 22, "main/best");
        var byId = new Dictionary<string, (AgentPolicy Policy, GreedyPolicy Check)>
        {
            [a.CheckpointId] = (a, new GreedyPolicy(market.Network(seed: 21))),
            [b.CheckpointId] = (b, new GreedyPolicy(market.Network(seed: 22))),
        };
        var signals = new List<V1.Signal>();
        bool[] mask = new bool[a.Actions.Count];
        var signaller = new LiveAgentSignaller(market.Plan, a, new InMemorySignalBus(), new SignallerOptions
        {
            Published = signal =>
            {
                // The policy named by the signal took the whole decision: its network gives these probabilities.
                (AgentPolicy policy, GreedyPolicy check) = byId[signal.CheckpointId];
                policy.LastMask.CopyTo(mask);
                Assert.Equal(check.Choose(policy.LastObservation, mask), signal.Decision.Action);
                Assert.Equal(check.LogProbabilities.ToArray().Select(MathF.Exp), signal.Decision.Probabilities);
                signals.Add(signal);
            },
        });

        // Another thread swaps back and forth while ticks are fed; each chunk of ticks waits for a swap first, so
        // both checkpoints decide whatever the scheduler does.
        using var stop = new CancellationTokenSource();
        var swapping = new Thread(() =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                signaller.SwapPolicy(i % 2 == 0 ? b : a);
                Thread.Sleep(1);
            }
        });
        swapping.Start();
        const int Chunk = 1000;
        for (int start = 0; start < market.Ticks.Length; start += Chunk)
        {
            AgentPolicy previous = signaller.Policy;
            Assert.True(SpinWait.SpinUntil(() => signaller.Policy != previous, TimeSpan.FromSeconds(10)), "no swap within 10 s");
            for (int i = start; i < Math.Min(start + Chunk, market.Ticks.Length); i++)
            {
                await signaller.OnTickAsync(market.Ticks[i], Stopwatch.GetTimestamp());
            }
        }

        await stop.CancelAsync();
        swapping.Join();
        Assert.Contains(signals, s => s.CheckpointId == a.CheckpointId);
        Assert.Contains(signals, s => s.CheckpointId == b.CheckpointId);
    }

    [Fact]
    public async Task While_the_bus_is_unreachable_decisions_wait_for_it_and_go_out_once_after_unless_stale_by_then()
    {
        List<V1.Signal> uninterrupted = await RunAsync(market, market.Policy(seed: 3), market.Ticks);
        await using var bus = new UnreachableBus();
        var logger = new RecordingLogger();
        var signals = new List<V1.Signal>();
        var signaller = new LiveAgentSignaller(market.Plan, market.Policy(seed: 3), bus, new SignallerOptions { Published = signals.Add, Logger = logger });
        int third = market.Ticks.Length / 3;
        long downMs = market.Ticks[third].TimeMs;
        long backMs = market.Ticks[2 * third].TimeMs;

        for (int i = 0; i < market.Ticks.Length; i++)
        {
            bus.Down = i >= third && i < 2 * third;
            await signaller.OnTickAsync(market.Ticks[i], Stopwatch.GetTimestamp());
        }

        // Every decision went out once, or was dropped once stale (s00001's stale age: 5 s) with the bus still down.
        Assert.True(signaller.PublishFailures > 1000, $"{signaller.PublishFailures} failures");
        Assert.True(signaller.UnsentStale > 0);
        Assert.Equal(uninterrupted.Count, signals.Count + signaller.UnsentStale);
        Assert.Equal(signals.Count, signals.Select(s => Millis(s.DecisionTime)).Distinct().Count());
        AssertInDecisionOrder(signals);
        Assert.Equal(uninterrupted.Where(s => signals.Any(p => p.DecisionTime.Equals(s.DecisionTime))), signals, new SameDecision());

        // Decided during the outage within the stale age of its end: published when the bus came back.
        Assert.Contains(signals, s => Millis(s.DecisionTime) >= downMs && Millis(s.DecisionTime) < backMs);
        Assert.DoesNotContain(signals, s => Millis(s.DecisionTime) >= downMs && Millis(s.DecisionTime) < backMs - 6000);
        Assert.Contains(logger.Entries, e => e.Message.Contains("not published, the bus is unreachable", StringComparison.Ordinal));
        Assert.Contains(logger.Entries, e => e.Message.Contains("dropped: the bus stayed unreachable until it was older than the stale age", StringComparison.Ordinal));
        Assert.Equal(SignallerTests.Millis(uninterrupted[^1].DecisionTime), SignallerTests.Millis((await bus.ReadLatestAsync(SmallMarket.AgentId))!.DecisionTime));
    }

    [Fact]
    public async Task A_signaller_started_again_on_the_same_bus_publishes_no_decision_twice_and_loses_none()
    {
        List<V1.Signal> uninterrupted = await RunAsync(market, market.Policy(seed: 3), market.Ticks);
        var bus = new InMemorySignalBus();
        var first = new List<V1.Signal>();
        var again = new List<V1.Signal>();
        var logger = new RecordingLogger();
        var before = new LiveAgentSignaller(market.Plan, market.Policy(seed: 3), bus, new SignallerOptions { Published = first.Add });
        foreach (Tick tick in market.Ticks.Take(market.Ticks.Length / 2))
        {
            await before.OnTickAsync(tick, Stopwatch.GetTimestamp());
        }

        // Killed and started again: it decides again from history what the first one published already.
        var after = new LiveAgentSignaller(market.Plan, market.Policy(seed: 3), bus, new SignallerOptions { Published = again.Add, Logger = logger });
        foreach (Tick tick in market.Ticks)
        {
            await after.OnTickAsync(tick, Stopwatch.GetTimestamp());
        }

        Assert.NotEmpty(first);
        Assert.Equal(first.Count, after.AlreadyOnBus);
        Assert.True(Millis(again[0].DecisionTime) > Millis(first[^1].DecisionTime));
        Assert.Equal(uninterrupted, [.. first, .. again], new SameDecision());
        Assert.Contains(logger.Entries, e => e.Message.Contains("not published again: the bus holds its signal of", StringComparison.Ordinal));
    }

    private static void AssertInDecisionOrder(List<V1.Signal> signals)
    {
        for (int i = 1; i < signals.Count; i++)
        {
            Assert.True(Millis(signals[i].DecisionTime) > Millis(signals[i - 1].DecisionTime), $"signal {i} at {signals[i].DecisionTime} after {signals[i - 1].DecisionTime}");
        }
    }

    /// <summary>Ticks as the gateway sends them (stamped with their arrival there), with no tracer listening.</summary>
    [Fact]
    public async Task Ticks_allocate_nothing_when_no_decision_is_published()
    {
        var signaller = new LiveAgentSignaller(market.Plan, market.Policy(seed: 1), new InMemorySignalBus());
        signaller.MarkNewestTick(long.MaxValue / 2);
        for (int i = 0; i < 2000; i++)
        {
            await signaller.OnTickAsync(market.Ticks[i], Stopwatch.GetTimestamp());
        }

        int next = 2000;
        int window = (market.Ticks.Length - next) / 20;
        bool synchronous = true;
        long allocated = SteadyAllocation.BytesPerWindow(
            () =>
            {
                for (int end = next + window; next < end; next++)
                {
                    ValueTask fed = signaller.OnTickAsync(0, market.Ticks[next], Stopwatch.GetTimestamp(), gatewayArrivalUs: market.Ticks[next].TimeMs * 1000);
                    synchronous &= fed.IsCompletedSuccessfully;
                }
            },
            maxWindows: 20);
        for (; next < market.Ticks.Length; next++)
        {
            await signaller.OnTickAsync(market.Ticks[next], Stopwatch.GetTimestamp());
        }

        Assert.True(synchronous, "a tick without a publication went asynchronous");
        Assert.Equal(0, allocated);
        Assert.True(signaller.Decisions > 5000);
        Assert.Equal(0, signaller.SignalsPublished);
    }

    /// <summary>The signals of an uninterrupted signaller fed every tick.</summary>
    internal static async Task<List<V1.Signal>> RunAsync(SmallMarket market, AgentPolicy policy, IEnumerable<Tick> ticks)
    {
        var signals = new List<V1.Signal>();
        var signaller = new LiveAgentSignaller(market.Plan, policy, new InMemorySignalBus(), new SignallerOptions { Published = signals.Add });
        foreach (Tick tick in ticks)
        {
            await signaller.OnTickAsync(tick, Stopwatch.GetTimestamp());
        }

        return signals;
    }

    internal static long Millis(Timestamp time) => time.ToDateTimeOffset().ToUnixTimeMilliseconds();

    internal static V1.TraderHolding Holding(AgentPosition position, long fillDelayMs) => new()
    {
        AgentId = SmallMarket.AgentId,
        Symbol = "EURUSD",
        Units = position.Units,
        Lots = position.Units * 0.01,
        OpenPrice = position.IsFlat ? 0 : position.EntryPrice,
        OpenTime = position.IsFlat ? null : Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(position.OpenedMs + fillDelayMs)),
    };

    private V1.PolicyDecision MatchingDecision(AgentPolicy reference, int row, AgentPosition position, PolicyChoice choice)
    {
        double openPips = AgentObservation.OpenPips(position, market.Dataset.Execution(row - 1), reference.Rules.PipSize);
        reference.Decide(market.Dataset.Observation(row), market.Dataset.TimeMs(row), position, openPips, choice);
        return choice.ToContract(reference.Actions);
    }
}
