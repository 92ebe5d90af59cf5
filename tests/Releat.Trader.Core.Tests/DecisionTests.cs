using Releat.Trader.Core.Agents;
using Releat.Trader.Core.Engine;
using Releat.Trader.Core.Risk;
using Releat.Trader.Core.Rules;
using static Releat.Trader.Core.Tests.TradeSignals;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Tests;

public sealed class DecisionTests
{
    [Fact]
    public async Task Hold_sends_nothing_and_opening_against_a_held_position_or_closing_nothing_is_refused()
    {
        using var trader = new TraderHarness();
        await trader.StartAsync();

        Assert.Equal(SignalOutcomeKind.Held, (await trader.HandleAsync(Nth(1, Hold))).Kind);
        Assert.Equal(RejectReasons.NothingToClose, (await trader.HandleAsync(Nth(2, CloseLong1))).Reason);
        await trader.HandleAsync(Nth(3, OpenLong1));
        Assert.Equal(RejectReasons.OppositePosition, (await trader.HandleAsync(Nth(4, OpenShort1, assumedLots: 0.01))).Reason);
        Assert.Equal(RejectReasons.NothingToClose, (await trader.HandleAsync(Nth(5, CloseShort1, assumedLots: 0.01))).Reason);

        Assert.Single(trader.Broker.Executed);
        var state = trader.Engine.Status.Agents[0];
        Assert.Equal(2, state.SignalsActed);
        Assert.Equal(3, state.SignalsRejected);
    }

    [Fact]
    public async Task Closing_some_units_closes_their_share_of_the_lots_oldest_position_first()
    {
        using var trader = new TraderHarness(agents: TraderHarness.Agent("t1", lotSizePerUnit: 0.05, maxUnits: 3));
        await trader.StartAsync();
        await trader.HandleAsync(Nth(1, OpenLong1));
        await trader.HandleAsync(Nth(2, OpenLong2, assumedLots: 0.05));

        var partial = await trader.HandleAsync(Nth(3, CloseLong2, assumedLots: 0.15));

        // 2 of 3 units = 0.10 of 0.15 lots: the first position (0.05) whole, then 0.05 of the second (0.10).
        Assert.Equal([0.05, 0.05], partial.Orders.Select(o => o.FilledVolume));
        Assert.Equal(["t1-" + Base36(TimeOf(3)) + "-0", "t1-" + Base36(TimeOf(3)) + "-1"], partial.Orders.Select(o => o.ClientOrderId));
        var left = Assert.Single(trader.Broker.OpenPositions());
        Assert.Equal(0.05, left.Volume, 10);
        Assert.Equal(0.05, trader.Engine.Status.Agents[0].PositionVolume, 10);

        await trader.HandleAsync(Nth(4, CloseLong2, assumedLots: 0.05));
        Assert.Empty(trader.Broker.OpenPositions());
    }

    [Fact]
    public async Task The_decision_that_fits_the_held_position_is_the_one_acted_on()
    {
        using var trader = new TraderHarness();
        await trader.StartAsync();

        // The signal service thought the agent long; the trader is flat: the flat variant applies.
        var signal = Nth(1, CloseLong1, assumedLots: 0.01);
        signal.FlatDecision = new V1.PolicyDecision { Action = OpenShort1, ActionName = "open_short_1" };
        var outcome = await trader.HandleAsync(signal);
        Assert.Equal(SignalOutcomeKind.Acted, outcome.Kind);
        Assert.Equal(-0.01, trader.Engine.Status.Agents[0].PositionVolume, 10);

        // Now short, while the signal assumed long: the hedge variant applies.
        var hedged = Nth(2, OpenLong1, assumedLots: 0.01);
        hedged.HedgeDecision = new V1.PolicyDecision { Action = CloseShort1 };
        Assert.Equal(SignalOutcomeKind.Acted, (await trader.HandleAsync(hedged)).Kind);
        Assert.Empty(trader.Broker.OpenPositions());

        // A name that does not match the agent's action list is refused rather than guessed.
        var wrongName = Nth(3, OpenLong1);
        wrongName.Decision.ActionName = "open_short_1";
        Assert.Equal(RejectReasons.UnknownAction, (await trader.HandleAsync(wrongName)).Reason);
        var otherSymbol = Nth(4, OpenLong1);
        otherSymbol.Symbol = "GBPUSD";
        Assert.Equal(RejectReasons.SymbolMismatch, (await trader.HandleAsync(otherSymbol)).Reason);
        await trader.HandleAsync(Nth(5, OpenLong1));
        Assert.Equal(RejectReasons.PositionMismatch, (await trader.HandleAsync(Nth(6, Hold))).Reason);
    }

    [Fact]
    public async Task Operating_rules_are_asked_before_opening_and_closing_and_can_force_a_close()
    {
        var rules = new ScriptedRules();
        using var trader = new TraderHarness(() => new TraderEngineOptions { Rules = rules, Risk = new RiskSettings { RefreshInterval = TimeSpan.Zero } });
        await trader.StartAsync();

        rules.OpenRefusal = "market closes in 10 minutes";
        var refused = await trader.HandleAsync(Nth(1, OpenLong1));
        Assert.Equal(RejectReasons.OperatingRules, refused.Reason);
        Assert.Contains(trader.ReadJournal(), e => e.Message == "market closes in 10 minutes");

        rules.OpenRefusal = null;
        await trader.HandleAsync(Nth(2, OpenLong1));
        rules.CloseRefusal = "minimum hold";
        Assert.Equal(RejectReasons.OperatingRules, (await trader.HandleAsync(Nth(3, CloseLong1, assumedLots: 0.01))).Reason);

        rules.ForcedClose = "maximum hold";
        await trader.Engine.CheckAsync();
        Assert.Empty(trader.Broker.OpenPositions());
        Assert.StartsWith("t1-R", trader.Broker.ExecutedIds[^1], StringComparison.Ordinal);
        Assert.Equal(1, rules.Holdings[^1].Units);
        Assert.Equal(0.01, rules.Holdings[^1].Lots, 10);
    }

    [Fact]
    public async Task A_signal_handled_twice_places_one_order()
    {
        using var trader = new TraderHarness();
        await trader.StartAsync();

        var first = await trader.HandleAsync(Nth(1, OpenLong1));
        var again = await trader.HandleAsync(Nth(1, OpenLong1));

        Assert.Equal(SignalOutcomeKind.Acted, first.Kind);
        Assert.Equal(SignalOutcomeKind.Duplicate, again.Kind);
        Assert.Single(trader.Broker.Executed);
    }

    [Fact]
    public async Task Position_closed_at_the_broker_is_dropped_from_the_book_and_journaled()
    {
        using var trader = new TraderHarness();
        await trader.StartAsync();
        await trader.HandleAsync(Nth(1, OpenLong1));

        trader.Broker.CloseExternally(trader.Broker.OpenPositions()[0].PositionId);
        var outcome = await trader.HandleAsync(Nth(2, OpenShort1));

        Assert.Equal(SignalOutcomeKind.Acted, outcome.Kind);
        Assert.Contains(trader.ReadJournal(), e => e.Kind == "reconcile" && e.Lots == 0);
        Assert.Equal(-0.01, trader.Engine.Status.Agents[0].PositionVolume, 10);
    }

    [Fact]
    public void Client_order_ids_are_deterministic_and_fit_mt5()
    {
        long time = TimeOf(1);
        Assert.Equal(Orders.ClientOrderIds.For("t00001", "", time, 0), Orders.ClientOrderIds.For("t00001", "", time, 0));
        Assert.NotEqual(Orders.ClientOrderIds.For("t00001", "", time, 0), Orders.ClientOrderIds.For("t00001", "", time, 1));
        Assert.True(Orders.ClientOrderIds.For(new string('a', 17), "F", 2_800_000_000_000, 99).Length <= 31);
        var error = Assert.Throws<ArgumentException>(() => TraderHarness.Agent(new string('a', 18)).Validate("agents/x/agent.yaml"));
        Assert.Contains("agents/x/agent.yaml", error.Message, StringComparison.Ordinal);
    }

    private static string Base36(long value)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        var text = "";
        do
        {
            text = digits[(int)(value % 36)] + text;
            value /= 36;
        }
        while (value > 0);
        return text;
    }

    private sealed class ScriptedRules : IOperatingRules
    {
        public string? OpenRefusal { get; set; }

        public string? CloseRefusal { get; set; }

        public string? ForcedClose { get; set; }

        public List<AgentHolding> Holdings { get; } = [];

        public bool MayOpen(string agentId, long marketTimeMs, out string reason)
        {
            reason = OpenRefusal ?? "";
            return OpenRefusal is null;
        }

        public bool MayClose(in AgentHolding holding, long marketTimeMs, out string reason)
        {
            reason = CloseRefusal ?? "";
            return CloseRefusal is null;
        }

        public bool MustClose(in AgentHolding holding, long marketTimeMs, out string reason)
        {
            Holdings.Add(holding);
            reason = ForcedClose ?? "";
            return ForcedClose is not null;
        }
    }
}
