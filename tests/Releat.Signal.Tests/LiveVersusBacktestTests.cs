using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using TraderHolding = Releat.Contracts.V1.TraderHolding;
using Releat.MarketData.Model;
using Releat.MarketData.Time;
using Releat.Signal.Core.Live;
using Releat.Signal.Core.Policy;
using Releat.SignalBus;
using Releat.SignalBus.InMemory;
using Releat.Trading;
using Releat.Training.Evaluation;

namespace Releat.Signal.Tests;

/// <summary>
/// The live path decides what the backtest decided: the test period's ticks replayed through the live signaller
/// (features updated tick by tick, the checkpoint's transforms, the policy) give, decision for decision, the action
/// the backtest's agent took on the batch-built dataset, when the trader reports the positions the backtest held.
/// </summary>
[Collection(SmallMarketGroup.Name)]
public sealed class LiveVersusBacktestTests(SmallMarket market)
{
    [Theory]
    [InlineData(3UL)]
    [InlineData(11UL)]
    public async Task Live_decisions_on_the_replayed_test_period_equal_the_backtests(ulong seed)
    {
        // The backtest, recording every decision: its time, the position it was taken with, and the action.
        var network = market.Network(seed);
        var recorder = new RecordingPolicy(new NetworkPolicy(network));
        var range = market.Config.RawData.Split.Test;
        Backtest.Run(market.Tape, market.Config.Environment.Reward, market.Tape.RowsIn(range), recorder);
        var decisions = recorder.Decisions;
        Assert.True(decisions.Count > 1000, $"{decisions.Count} backtest decisions");
        Assert.Contains(decisions, d => d.Position.Units != 0);

        // The live side: the same weights, warmed up on the ticks before the period, publishing from its start; the
        // trader's holding at each decision is the position the backtest held there.
        var policy = new AgentPolicy("test/parity", market.Config, market.Dataset.Metadata, market.Network(seed), market.Folder);
        long staleMs = (long)market.Config.Trading.StaleSignalAge.TotalMilliseconds;
        var bus = new ScriptedHoldings(decisions.Select(d => (d.TimeMs, Holding(d.Position))).ToList(), staleMs);
        var published = new List<Contracts.V1.Signal>();
        var signaller = new LiveAgentSignaller(market.Plan, policy, bus, new SignallerOptions { Published = published.Add });
        signaller.MarkNewestTick(range.StartMs + staleMs);
        long warmFrom = range.StartMs - market.Plan.LookbackMs - 60_000;
        foreach (Tick tick in market.Ticks.Where(t => t.TimeMs >= warmFrom && t.TimeMs < range.EndMs))
        {
            bus.CurrentTickMs = tick.TimeMs;
            await signaller.OnTickAsync(tick, Stopwatch.GetTimestamp());
        }

        // A decision whose closing tick came after the stale age is not published (the trader would refuse it), and
        // the backtest's last decision may only close (end of data): every other one must match.
        var backtest = decisions.Take(decisions.Count - 1).ToDictionary(d => d.TimeMs);
        int compared = 0;
        foreach (var signal in published)
        {
            long time = signal.DecisionTime.ToDateTimeOffset().ToUnixTimeMilliseconds();
            if (!backtest.TryGetValue(time, out var expected))
            {
                Assert.True(time >= decisions[^1].TimeMs, $"live decided at {UtcTime.Format(time)}, a time the backtest has no row for");
                continue;
            }

            Assert.True(
                expected.Action == signal.Decision.Action,
                $"at {UtcTime.Format(time)}: backtest {expected.Action}, live {signal.Decision.Action} ({signal.Decision.ActionName})");
            compared++;
        }

        Assert.True(compared >= 0.95 * backtest.Count, $"{compared} of {backtest.Count} backtest decisions were published live");
        Assert.True(decisions.Count(d => d.Action != ActionTable.HoldIndex) > 10, "the agent traded in the period");
    }

    private static TraderHolding Holding(AgentPosition position) => new()
    {
        AgentId = SmallMarket.AgentId,
        Symbol = "EURUSD",
        Units = position.Units,
        Lots = position.Units * 0.01,
        OpenPrice = position.IsFlat ? 0 : position.EntryPrice,
        OpenTime = position.IsFlat ? null : Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(position.OpenedMs)),
    };

    /// <summary>The agent's policy, noting each decision it takes in the backtest.</summary>
    private sealed class RecordingPolicy(ITradingPolicy inner) : ITradingPolicy
    {
        public List<(long TimeMs, AgentPosition Position, int Action)> Decisions { get; } = [];

        public string Name => inner.Name;

        public void Reset() => inner.Reset();

        public int Choose(TradingEnvironment environment, ReadOnlySpan<float> observation, ReadOnlySpan<bool> mask)
        {
            int action = inner.Choose(environment, observation, mask);
            Decisions.Add((environment.TimeMs, environment.Position, action));
            return action;
        }
    }

    /// <summary>
    /// A bus whose trader reports the backtest's position of the decision being taken: the earliest scripted decision
    /// not yet served that the current tick can still publish (one it closed within the stale age).
    /// </summary>
    private sealed class ScriptedHoldings(List<(long TimeMs, TraderHolding Holding)> holdings, long staleMs) : ISignalBus
    {
        private readonly InMemorySignalBus _inner = new();
        private int _next;

        public long CurrentTickMs { get; set; }

        public Task<TraderHolding?> ReadHoldingAsync(string agentId, CancellationToken cancellation = default)
        {
            while (_next < holdings.Count && holdings[_next].TimeMs < CurrentTickMs - staleMs)
            {
                _next++;
            }

            return Task.FromResult<TraderHolding?>(_next < holdings.Count ? holdings[_next++].Holding : null);
        }

        public Task<string> PublishAsync(Contracts.V1.Signal signal, CancellationToken cancellation = default) => _inner.PublishAsync(signal, cancellation);

        public Task<Contracts.V1.Signal?> ReadLatestAsync(string agentId, CancellationToken cancellation = default) => _inner.ReadLatestAsync(agentId, cancellation);

        public Task PostHoldingAsync(TraderHolding holding, CancellationToken cancellation = default) => Task.CompletedTask;

        public ISignalConsumer OpenConsumer(SignalSubscription subscription) => _inner.OpenConsumer(subscription);

        public ValueTask DisposeAsync() => _inner.DisposeAsync();
    }
}
