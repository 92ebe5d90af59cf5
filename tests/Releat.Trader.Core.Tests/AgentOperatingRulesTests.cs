using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.Features.Registry;
using Releat.MarketData.Time;
using Releat.Testing;
using Releat.Trader.Core.Agents;
using Releat.Trader.Core.Rules;
using Releat.Trading;

namespace Releat.Trader.Core.Tests;

/// <summary>The trader asks t00001's own PositionRules: the hold limits and closes its training used.</summary>
public sealed class AgentOperatingRulesTests
{
    private static readonly AgentConfig T00001 = new AgentConfigLoader(new FeatureRegistry())
        .Load(Path.Combine(RepositoryRoot.Path, "agents", "t00001", "agent.yaml"));

    private static readonly AgentOperatingRules Rules = new(new Dictionary<string, PositionRules> { ["t00001"] = PositionRules.For(T00001) });

    // Wednesday 2024-01-10 10:00 UTC: market open, inside t00001's 07:00-20:00 session.
    private static readonly long Wednesday10 = UtcTime.FromParts(2024, 1, 10, 10, 0, 0, 0);

    [Fact]
    public void Opening_needs_an_open_market_and_the_agents_session()
    {
        Assert.True(Rules.MayOpen("t00001", Wednesday10, out _));
        Assert.False(Rules.MayOpen("t00001", UtcTime.FromParts(2024, 1, 13, 12, 0, 0, 0), out var weekend));
        Assert.False(Rules.MayOpen("t00001", UtcTime.FromParts(2024, 1, 10, 21, 0, 0, 0), out var evening));
        Assert.NotEmpty(weekend);
        Assert.Contains("session", evening, StringComparison.Ordinal);
    }

    [Fact]
    public void Closing_waits_for_the_minimum_hold()
    {
        var holding = new AgentHolding("t00001", "EURUSD", 1, 0.01, Wednesday10, 1.1);

        Assert.False(Rules.MayClose(holding, Wednesday10 + 10_000, out var reason));
        Assert.Contains("minimum hold", reason, StringComparison.Ordinal);
        Assert.True(Rules.MayClose(holding, Wednesday10 + 31_000, out _));
    }

    [Fact]
    public void Built_from_configs_a_position_counts_its_hold_from_the_decision_that_opened_it()
    {
        // Opened by the 10:00:03 decision (t00001 decides at :03, :13, ...), filled 300 ms later: at the decision
        // 30 s after, the environment allows the close, so the trader must too.
        long decision = Wednesday10 + 3_000;
        var holding = new AgentHolding("t00001", "EURUSD", 1, 0.01, decision + 300, 1.1);

        Assert.True(AgentOperatingRules.For([T00001]).MayClose(holding, decision + 30_000, out _));
        Assert.False(Rules.MayClose(holding, decision + 30_000, out _));
    }

    [Fact]
    public void A_position_must_close_at_the_maximum_hold_and_before_the_weekend()
    {
        var holding = new AgentHolding("t00001", "EURUSD", -2, 0.02, Wednesday10, 1.1);
        var friday = new AgentHolding("t00001", "EURUSD", 1, 0.01, UtcTime.FromParts(2024, 1, 12, 21, 0, 0, 0), 1.1);

        Assert.False(Rules.MustClose(holding, Wednesday10 + (3 * 3_600_000), out _));
        Assert.True(Rules.MustClose(holding, Wednesday10 + (4 * 3_600_000), out var maxHold));
        Assert.Equal(nameof(ExitReason.MaxHold), maxHold);
        Assert.True(Rules.MustClose(friday, UtcTime.FromParts(2024, 1, 12, 21, 50, 0, 0), out var weekend));
        Assert.Equal(nameof(ExitReason.Weekend), weekend);
        Assert.False(Rules.MustClose(new AgentHolding("t00001", "EURUSD", 0, 0, 0, 0), Wednesday10, out _));
    }
}
