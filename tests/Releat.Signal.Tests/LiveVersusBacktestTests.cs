using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using TraderHolding = Releat.Contracts.V1.TraderHolding;
using Releat.MarketData;
using Releat.Signal.Core;
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
        var bus = new ScriptedHoldings(decisions.Select(d => Holding(d.Position)).ToList());
        var published = new List<Contracts.V1.Signal>();
        var signaller = new LiveAgentSignaller(market.Plan, policy, bus, new SignallerOptions { Published = published.Add });
        signaller.MarkNewestTick(range.StartMs + (long)market.Config.Trading.StaleSignalAge.TotalMilliseconds);
        long warmFrom = range.StartMs - market.Plan.LookbackMs - 60_000;
        foreach (Tick tick in market.Ticks.Where(t => t.TimeMs >= warmFrom && t.TimeMs < range.EndMs))
        {
            await signaller.OnTickAsync(tick, Stopwatch.GetTimestamp());
        }

        // The backtest's last decision may only close (end of data); live has no last decision, so it is left out.
        int compared = 0;
        for (int i = 0; i < decisions.Count - 1; i++)
        {
            Assert.True(i < published.Count, $"live published {published.Count} signals, the backtest decided {decisions.Count} times");
            var signal = published[i];
            Assert.Equal(decisions[i].TimeMs, signal.DecisionTime.ToDateTimeOffset().ToUnixTimeMilliseconds());
            Assert.True(
                decisions[i].Action == signal.Decision.Action,
                $"decision {i} at {UtcTime.Format(decisions[i].TimeMs)}: backtest {decisions[i].Action}, live {signal.Decision.Action} ({signal.Decision.ActionName})");
            compared++;
        }

        Assert.Equal(decisions.Count - 1, compared);
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

    /// <summary>A bus whose trader reports, at the n-th decision, the n-th scripted holding.</summary>
    private sealed class ScriptedHoldings(List<TraderHolding> holdings) : ISignalBus
    {
        private readonly InMemorySignalBus _inner = new();
        private int _next;

        public Task<string> PublishAsync(Contracts.V1.Signal signal, CancellationToken cancellation = default) => _inner.PublishAsync(signal, cancellation);

        public Task<Contracts.V1.Signal?> ReadLatestAsync(string agentId, CancellationToken cancellation = default) => _inner.ReadLatestAsync(agentId, cancellation);

        public Task PostHoldingAsync(TraderHolding holding, CancellationToken cancellation = default) => Task.CompletedTask;

        public Task<TraderHolding?> ReadHoldingAsync(string agentId, CancellationToken cancellation = default) =>
            Task.FromResult<TraderHolding?>(_next < holdings.Count ? holdings[_next++] : null);

        public ISignalConsumer OpenConsumer(SignalSubscription subscription) => _inner.OpenConsumer(subscription);

        public ValueTask DisposeAsync() => _inner.DisposeAsync();
    }
}
